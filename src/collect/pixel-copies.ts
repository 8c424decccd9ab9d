import sharp from 'sharp';
import { L2_SIZE } from './core/index.js';

/** JPEG quality of the stored copies (ImageNetV2's `scaled_500` is q90). */
export const COPY_QUALITY = 90;
/** The longer side of the copy that evaluation and release use. */
export const SCALED_SIDE = 500;

/**
 * 256×256 RGB pixels of an encoded image (EXIF orientation applied, transparency flattened onto white, aspect not
 * kept: ImageNetV2 compared squashed 256×256 copies), for the pixel L2 metric.
 */
export async function rgb256(bytes: Uint8Array): Promise<Uint8Array> {
  const { data, info } = await sharp(bytes)
    .rotate()
    .flatten({ background: '#ffffff' })
    .resize(L2_SIZE, L2_SIZE, { fit: 'fill' })
    .toColourspace('srgb')
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels === 3) return data;
  // A gray source can stay one channel; spread it to RGB so every copy has 196,608 values.
  const rgb = new Uint8Array(L2_SIZE * L2_SIZE * 3);
  for (let i = 0; i < L2_SIZE * L2_SIZE; i++) rgb.fill(data[i * info.channels]!, i * 3, i * 3 + 3);
  return rgb;
}
