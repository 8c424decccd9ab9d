import sharp from 'sharp';
import { differenceHash, hashToHex, perceptualHash, PHASH_SIZE, resizeArea, type GrayImage } from './core/index.js';

/** A candidate's or reference image's perceptual hashes, as stored (16 hex digits each). */
export interface ImageHashes {
  readonly phash: string;
  readonly dhash: string;
}

/**
 * PNGs up to this many pixels are decoded as they are and shrunk in JavaScript: for thumbnails (Fashion-MNIST's
 * 28×28, CIFAR's 32×32, stored as PNG) each extra libvips operation costs more than the decode itself (0.4 ms decode
 * vs 1.4 ms with rotate + flatten + resize + grayscale, measured on 28×28 PNGs).
 */
const SMALL_PIXELS = 256 * 256;

/**
 * pHash and dHash of an encoded image, both from one 32×32 gray copy (dHash averages it down to 9×8), so hashing
 * costs one decode. The copy is: EXIF orientation applied, transparency flattened onto white, Rec. 601 luma of the
 * sRGB values, area-averaged to 32×32. Images are shrunk by libvips (JPEG shrink-on-load, then its resampler)
 * before the luma step, except small PNGs, shrunk entirely in JavaScript. Throws sharp's error for undecodable input.
 */
export async function hashImage(bytes: Uint8Array): Promise<ImageHashes> {
  const gray = await gray32(bytes);
  return { phash: hashToHex(perceptualHash(gray)), dhash: hashToHex(differenceHash(gray)) };
}

/** The 32×32 gray values the hashes are computed from. */
export async function gray32(bytes: Uint8Array): Promise<GrayImage> {
  if (isSmallPlainPng(bytes)) {
    const { data, info } = await sharp(bytes, { failOn: 'truncated' }).raw().toBuffer({ resolveWithObject: true });
    return { width: PHASH_SIZE, height: PHASH_SIZE, data: resizeArea(luma(data, info.width, info.height, info.channels), PHASH_SIZE, PHASH_SIZE) };
  }
  const { data, info } = await sharp(bytes, { failOn: 'truncated' })
    .rotate()
    .resize(PHASH_SIZE, PHASH_SIZE, { fit: 'fill' })
    .toColourspace('srgb')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  return luma(data, PHASH_SIZE, PHASH_SIZE, info.channels);
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * An 8-bit PNG of at most {@link SMALL_PIXELS} pixels, read from its IHDR chunk (no libvips call: a metadata() call
 * alone costs a quarter of decoding such an image). PNGs carry no EXIF orientation to apply. Anything else, JPEGs
 * included, takes the libvips path, whose shrink-on-load makes large photos cheap.
 */
function isSmallPlainPng(b: Uint8Array): boolean {
  if (b.length < 33 || PNG_SIGNATURE.some((v, i) => b[i] !== v)) return false;
  const u32 = (o: number) => ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
  const width = u32(16);
  const height = u32(20);
  return b[24] === 8 && width > 0 && height > 0 && width * height <= SMALL_PIXELS;
}

/** Rec. 601 luma of 1–4 channel pixels (gray, gray+alpha, RGB, RGBA), alpha composited onto white. */
function luma(data: Uint8Array, width: number, height: number, channels: number): GrayImage {
  const n = width * height;
  const out = new Float64Array(n);
  const alpha = channels === 2 || channels === 4;
  const colour = channels >= 3;
  for (let i = 0, o = 0; i < n; i++, o += channels) {
    const y = colour ? 0.299 * data[o]! + 0.587 * data[o + 1]! + 0.114 * data[o + 2]! : data[o]!;
    if (!alpha) {
      out[i] = y;
      continue;
    }
    const a = data[o + channels - 1]! / 255;
    out[i] = y * a + 255 * (1 - a);
  }
  return { width, height, data: out };
}
