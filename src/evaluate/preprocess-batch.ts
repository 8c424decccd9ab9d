import { preprocessImage } from './core/preprocess-image.js';
import { viewLength, viewsOf } from './core/preset-spec.js';
import { PRESETS, type PresetName } from './presets/index.js';
import { decodeImage } from './decode-image.js';

/** One encoded image of a batch and how errors should name it. */
export interface EncodedImage {
  readonly bytes: Uint8Array;
  readonly what: string;
}

/**
 * Decodes and preprocesses a batch into one NCHW float32 tensor (images × views × C × H × W). Runs in a decode worker
 * (decode-worker.ts) or, with `--workers 0`, in the calling thread. Decodes run concurrently (sharp works off the JS
 * thread); the pixel math runs as each decode finishes. `into`, a tensor of exactly the batch's length whose contents
 * are no longer needed, is filled instead of a new one: every value is overwritten, and reusing it spares the
 * allocation and the page faults of a fresh 38 MB tensor per batch.
 */
export async function preprocessBatch(preset: PresetName, images: readonly EncodedImage[], into?: Float32Array): Promise<Float32Array> {
  const spec = PRESETS[preset];
  const per = viewsOf(spec) * viewLength(spec);
  const out = into?.length === images.length * per ? into : new Float32Array(images.length * per);
  await Promise.all(images.map(async (img, i) => {
    const raw = await decodeImage(img.bytes, img.what);
    preprocessImage(spec, raw, out, i * per);
  }));
  return out;
}

/** Floats in a preprocessed batch of `images` images. */
export function batchLength(preset: PresetName, images: number): number {
  const spec = PRESETS[preset];
  return images * viewsOf(spec) * viewLength(spec);
}
