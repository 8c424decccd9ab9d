import type { Normalization } from './normalize-to-tensor.js';
import type { ResampleFilter } from './pil-resize.js';

/** How an image is resized before cropping. */
export type ResizeStep =
  /** Shorter side to `size`, longer side `int(size · long / short)` (torchvision `Resize(size)`). */
  | { readonly kind: 'shorter-side'; readonly size: number }
  /** Exactly `width × height`, ignoring the aspect ratio (torchvision `Resize((h, w))`). */
  | { readonly kind: 'exact'; readonly width: number; readonly height: number };

/** Which views are cut from the resized image; each becomes one model input. */
export type CropStep =
  | { readonly kind: 'none' }
  /** torchvision `CenterCrop(size)`. */
  | { readonly kind: 'center'; readonly size: number }
  /** `CenterCrop(center)` then `TenCrop(size)`: four corners + centre, then the same of the mirror image. */
  | { readonly kind: 'ten'; readonly center: number; readonly size: number };

/**
 * A preprocessing preset as data: what a model expects and exactly how an image becomes its input. Every preset is
 * documented in docs/testbed.md and checked against torchvision by test/evaluate/presets.test.ts.
 */
export interface PresetSpec {
  readonly description: string;
  /** Pillow mode the decoded image is converted to first (`convert('RGB')` / `convert('L')`). */
  readonly color: 'rgb' | 'gray';
  readonly resize: ResizeStep;
  readonly filter: ResampleFilter;
  readonly crop: CropStep;
  readonly norm: Normalization;
  /** One view's input shape, channels × height × width (the model sees N·views × C × H × W, float32, NCHW). */
  readonly input: { readonly channels: number; readonly height: number; readonly width: number };
}

/** Views per image: 10 for ten-crop presets, else 1. */
export function viewsOf(spec: PresetSpec): number {
  return spec.crop.kind === 'ten' ? 10 : 1;
}

/** Floats per view (C·H·W). */
export function viewLength(spec: PresetSpec): number {
  return spec.input.channels * spec.input.height * spec.input.width;
}
