import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import { UserError } from '../errors.js';
import type { PresetName } from './presets/index.js';
import { preprocessBatch } from './preprocess-batch.js';

/** A batch to preprocess; image bytes arrive as transferred ArrayBuffers. */
export interface DecodeRequest {
  readonly id: number;
  readonly preset: PresetName;
  readonly images: ReadonlyArray<{ readonly bytes: Uint8Array; readonly what: string }>;
  /** A recycled tensor of the batch's length to fill (transferred), instead of allocating one. */
  readonly into?: Float32Array;
}

export type DecodeResponse =
  | { readonly id: number; readonly ok: true; readonly tensor: Float32Array }
  | { readonly id: number; readonly ok: false; readonly message: string; readonly userError: boolean };

// Parallelism comes from several workers and concurrent decodes: libvips threads per image would only contend.
sharp.concurrency(1);

parentPort?.on('message', (req: DecodeRequest) => {
  preprocessBatch(req.preset, req.images, req.into).then(
    (tensor) => parentPort!.postMessage({ id: req.id, ok: true, tensor } satisfies DecodeResponse, [tensor.buffer as ArrayBuffer]),
    (err: unknown) => parentPort!.postMessage({
      id: req.id, ok: false, message: err instanceof Error ? err.message : String(err), userError: err instanceof UserError,
    } satisfies DecodeResponse),
  );
});
