import type { CropBox } from './crop-boxes.js';
import type { RawImage } from './pil-convert.js';

/** Per-channel mean and standard deviation of pixel values scaled to [0, 1]. */
export interface Normalization {
  readonly mean: readonly number[];
  readonly std: readonly number[];
}

/**
 * Writes one crop of `img` into `out` at `offset` as a CHW float32 tensor, exactly as torchvision's
 * `ToTensor()` then `Normalize(mean, std)` compute it in float32: v = fround(fround(fround(p / 255) − m) / s) with
 * m, s the float32 values of mean and std. Returns the number of floats written (C × h × w).
 *
 * @example writeNormalizedChw(rgb256, centerCropBox(256, 256, 224, 224), IMAGENET, out, 0) // → 150528
 */
export function writeNormalizedChw(img: RawImage, box: CropBox, norm: Normalization, out: Float32Array, offset: number): number {
  const { data, width, channels } = img;
  if (norm.mean.length !== channels || norm.std.length !== channels) throw new RangeError(`normalization has ${norm.mean.length} channels, image has ${channels}`);
  if (box.left < 0 || box.top < 0 || box.left + box.width > width || box.top + box.height > img.height) throw new RangeError('crop box outside the image');
  const plane = box.width * box.height;
  // The 256 possible results per channel, computed once: the same float32 operations for every pixel.
  const tables = new Float32Array(256 * channels);
  for (let c = 0; c < channels; c++) {
    const m = Math.fround(norm.mean[c]!);
    const s = Math.fround(norm.std[c]!);
    for (let p = 0; p < 256; p++) tables[c * 256 + p] = Math.fround(Math.fround(Math.fround(p / 255) - m) / s);
  }
  // In a mirrored image, column x of the crop is column W − 1 − (left + x) of the original: walk the row backwards.
  const step = box.mirror ? -channels : channels;
  const firstColumn = box.mirror ? width - 1 - box.left : box.left;
  // One pass over the pixels writing all planes (3× faster than a strided pass per channel).
  let o = offset;
  for (let y = 0; y < box.height; y++) {
    let i = ((box.top + y) * width + firstColumn) * channels;
    if (channels === 3) {
      for (let x = 0; x < box.width; x++, i += step, o++) {
        out[o] = tables[data[i]!]!;
        out[o + plane] = tables[256 + data[i + 1]!]!;
        out[o + 2 * plane] = tables[512 + data[i + 2]!]!;
      }
      continue;
    }
    for (let x = 0; x < box.width; x++, i += step, o++) {
      for (let c = 0; c < channels; c++) out[o + c * plane] = tables[c * 256 + data[i + c]!]!;
    }
  }
  return channels * plane;
}
