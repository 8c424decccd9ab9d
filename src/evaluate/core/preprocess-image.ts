import { centerCropBox, tenCropBoxes, type CropBox } from './crop-boxes.js';
import { writeNormalizedChw } from './normalize-to-tensor.js';
import { toGray, toRgb, type RawImage } from './pil-convert.js';
import { resizePilWindow } from './pil-resize.js';
import { viewLength, viewsOf, type PresetSpec, type ResizeStep } from './preset-spec.js';

/**
 * The size `Resize` gives a `width × height` image. For `shorter-side`, torchvision's rule: the shorter side becomes
 * `size` and the longer `int(size · long / short)` (truncated, in double precision as in Python).
 */
export function resizedSize(step: ResizeStep, width: number, height: number): { width: number; height: number } {
  if (step.kind === 'exact') return { width: step.width, height: step.height };
  const [short, long] = width <= height ? [width, height] : [height, width];
  const newLong = Math.trunc((step.size * long) / short);
  return width <= height ? { width: step.size, height: newLong } : { width: newLong, height: step.size };
}

/** Copies a crop out of an image (no mirroring). */
export function cropRaw(img: RawImage, box: CropBox): RawImage {
  const { data, width, channels } = img;
  const out = new Uint8Array(box.width * box.height * channels);
  for (let y = 0; y < box.height; y++) {
    const start = ((box.top + y) * width + box.left) * channels;
    out.set(data.subarray(start, start + box.width * channels), y * box.width * channels);
  }
  return { data: out, width: box.width, height: box.height, channels };
}

/**
 * Colour conversion, resize and crops of a preset, up to the 8-bit views (what torchvision has just before
 * `ToTensor`): returns the image the views are cut from and their boxes. A centre crop is computed with the resize
 * (only its pixels: the same bytes as resizing the whole image and cropping, at ~60% of the cost), so for
 * `center` the image is the crop itself and for `ten` the centre square the ten crops are cut from.
 */
export function presetViews(spec: PresetSpec, decoded: RawImage): { image: RawImage; boxes: CropBox[] } {
  const converted = spec.color === 'rgb' ? toRgb(decoded) : toGray(decoded);
  const size = resizedSize(spec.resize, converted.width, converted.height);
  const crop = spec.crop;
  const window = crop.kind === 'none'
    ? { left: 0, top: 0, width: size.width, height: size.height }
    : crop.kind === 'center' ? centerCropBox(size.width, size.height, crop.size, crop.size) : centerCropBox(size.width, size.height, crop.center, crop.center);
  const image: RawImage = {
    data: resizePilWindow(converted.data, converted.width, converted.height, converted.channels, size.width, size.height, window, spec.filter),
    width: window.width,
    height: window.height,
    channels: converted.channels,
  };
  if (crop.kind === 'ten') return { image, boxes: tenCropBoxes(image.width, image.height, crop.size) };
  return { image, boxes: [{ left: 0, top: 0, width: image.width, height: image.height, mirror: false }] };
}

/**
 * Preprocesses one decoded image into `out` at `offset`: `viewsOf(spec)` consecutive CHW float32 views. Throws a
 * RangeError when the result does not have the preset's input shape (it always has, for a consistent preset).
 *
 * @example preprocessImage(PRESETS['imagenet-224'], decoded, batch, i * 150528)
 */
export function preprocessImage(spec: PresetSpec, decoded: RawImage, out: Float32Array, offset: number): void {
  const { image, boxes } = presetViews(spec, decoded);
  const per = viewLength(spec);
  if (boxes.length !== viewsOf(spec)) throw new RangeError(`preset produced ${boxes.length} views, expected ${viewsOf(spec)}`);
  boxes.forEach((box, v) => {
    if (box.width !== spec.input.width || box.height !== spec.input.height || image.channels !== spec.input.channels) {
      throw new RangeError(`view ${box.width}×${box.height}×${image.channels} does not match the preset's input ${spec.input.width}×${spec.input.height}×${spec.input.channels}`);
    }
    writeNormalizedChw(image, box, spec.norm, out, offset + v * per);
  });
}
