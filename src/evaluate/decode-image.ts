import { inflateSync } from 'node:zlib';
import sharp from 'sharp';
import { UserError } from '../errors.js';
import type { RawImage } from './core/pil-convert.js';
import { decodeSimplePng } from './core/png-fast-decode.js';

/**
 * Decodes image bytes to 8-bit interleaved pixels the way Pillow opens them for torchvision: no EXIF rotation, the
 * embedded ICC profile ignored (Pillow does not colour-manage either), first frame only, 8 bits per channel.
 * The preset's colour conversion, resize and crops then run in the pure core (src/evaluate/core).
 * Plain 8-bit PNGs (Heldout's own IDX imports among them) take a pure-TypeScript path with the same result; see
 * core/png-fast-decode.ts. A file that is not a decodable image is a UserError naming `what` (the item or file).
 */
export async function decodeImage(bytes: Uint8Array, what: string): Promise<RawImage> {
  const simple = decodeSimplePng(bytes, (d) => inflateSync(d));
  if (simple) return simple;
  return decodeWithSharp(bytes, what);
}

/** The general path: any format sharp reads. Exported for tests that compare it with the PNG fast path. */
export async function decodeWithSharp(bytes: Uint8Array, what: string): Promise<RawImage> {
  try {
    const { data, info } = await sharp(bytes, { ignoreIcc: true, failOn: 'error' }).raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: info.channels };
  } catch (err) {
    throw new UserError(`${what}: not a decodable image (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
  }
}
