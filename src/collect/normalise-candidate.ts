import sharp, { type Metadata } from 'sharp';
import { STORABLE_FORMATS, type StorableFormat } from '../datasets/inspect-image.js';
import type { Rejection } from './core/index.js';
import { hashImage, type ImageHashes } from './image-hashes.js';
import { COPY_QUALITY, SCALED_SIDE } from './pixel-copies.js';
import { L2_SIZE } from './core/index.js';

/** What ingest stores for an accepted candidate besides the original bytes. */
export interface NormalisedCandidate {
  /** Size after EXIF orientation. */
  readonly width: number;
  readonly height: number;
  readonly format: StorableFormat;
  /** RGB JPEG q90 with the longer side 500 px (smaller images are enlarged: every released copy has the same size). */
  readonly scaled: Buffer;
  /** RGB JPEG q90, 256×256 (aspect not kept), for near-duplicate checks and review pages. */
  readonly thumb: Buffer;
  readonly hashes: ImageHashes;
}

export type NormaliseResult = { readonly ok: true; readonly value: NormalisedCandidate } | { readonly ok: false; readonly rejection: Rejection };

/**
 * Decodes a candidate fully (a truncated JPEG fails here, not later), applies its EXIF orientation, converts to RGB
 * (transparency flattened onto white) and renders the two stored copies and the hashes. Bad input is a rejection
 * with a reason, never an exception.
 */
export async function normaliseCandidate(bytes: Uint8Array): Promise<NormaliseResult> {
  if (bytes.length === 0) return reject('empty-file', 'zero bytes');
  let meta: Metadata;
  try {
    meta = await sharp(bytes).metadata();
  } catch (err) {
    const msg = firstLine(err);
    return /unsupported image format/i.test(msg) ? reject('unsupported-format', msg) : reject('corrupt-image', msg);
  }
  const format = meta.format === 'heif' && meta.compression === 'av1' ? 'avif' : meta.format;
  if (!(STORABLE_FORMATS as readonly string[]).includes(format)) return reject('unsupported-format', `${format} (stored formats: ${STORABLE_FORMATS.join(', ')})`);
  const width = meta.autoOrient?.width ?? meta.width;
  const height = meta.autoOrient?.height ?? meta.height;
  try {
    const rgb = () => sharp(bytes, { failOn: 'truncated' }).rotate().flatten({ background: '#ffffff' }).toColourspace('srgb');
    const landscape = width >= height;
    const scaled = await rgb().resize(landscape ? { width: SCALED_SIDE } : { height: SCALED_SIDE }).jpeg({ quality: COPY_QUALITY }).toBuffer();
    const thumb = await rgb().resize(L2_SIZE, L2_SIZE, { fit: 'fill' }).jpeg({ quality: COPY_QUALITY }).toBuffer();
    const hashes = await hashImage(bytes);
    return { ok: true, value: { width, height, format: format as StorableFormat, scaled, thumb, hashes } };
  } catch (err) {
    return reject('corrupt-image', firstLine(err));
  }
}

function reject(reason: Rejection['reason'], detail: string): NormaliseResult {
  return { ok: false, rejection: { reason, detail } };
}

function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0] ?? '';
}
