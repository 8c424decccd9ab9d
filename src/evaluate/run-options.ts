import type { ProgressListener } from '../progress.js';
import type { DecodePool } from './decode-pool.js';

/** Images per inference batch unless `--batch` says otherwise. */
export const DEFAULT_BATCH = 64;

/** How `heldout eval` runs. Every field has a default. */
export interface RunOptions {
  /** Images per inference batch (default 64). */
  readonly batch?: number;
  /** ONNX Runtime intra-op threads (default: all cores). */
  readonly threads?: number;
  /** Decode worker threads (default: cores − 1, at least 1; 0 decodes in the main thread). */
  readonly workers?: number;
  /** Also store every class's score per image (logits; averaged softmax for 10-crop presets). */
  readonly scores?: boolean;
  /** Delete a finished or partial evaluation and run it again. */
  readonly force?: boolean;
  /** Images per stored chunk (default 1,024); a resumed evaluation keeps the size it started with. */
  readonly chunkSize?: number;
  readonly onProgress?: ProgressListener;
  /** An existing decode pool to share (its owner closes it). */
  readonly pool?: DecodePool;
}
