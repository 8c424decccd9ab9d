import sharp, { type Metadata } from 'sharp';
import { UserError } from '../errors.js';

/** Image formats Heldout stores (sharp's names, with AVIF told apart from other HEIF). */
export const STORABLE_FORMATS = ['jpeg', 'png', 'webp', 'gif', 'tiff', 'avif'] as const;
export type StorableFormat = (typeof STORABLE_FORMATS)[number];

export interface ImageInfo {
  /** Pixel size as stored in the file (EXIF orientation is not applied; models read the pixels as stored, too). */
  readonly width: number;
  readonly height: number;
  readonly format: StorableFormat;
}

/**
 * Decodes the whole image, not just its header: a truncated JPEG has a valid header and only fails, with
 * `failOn: 'truncated'`, once the pixels are read. Throws a one-line UserError naming `where`.
 */
export async function inspectImage(bytes: Uint8Array, where: string): Promise<ImageInfo> {
  let meta: Metadata;
  try {
    const image = sharp(bytes, { failOn: 'truncated' });
    meta = await image.metadata();
    await image.raw().toBuffer();
  } catch (err) {
    const reason = String((err as Error).message ?? err).split('\n')[0];
    throw new UserError(`${where}: corrupt, truncated or unsupported image (${reason})`);
  }
  const format = meta.format === 'heif' && meta.compression === 'av1' ? 'avif' : meta.format;
  if (!(STORABLE_FORMATS as readonly string[]).includes(format)) {
    throw new UserError(`${where}: ${format} images are not supported (${STORABLE_FORMATS.join(', ')})`);
  }
  return { width: meta.width, height: meta.height, format: format as StorableFormat };
}
