import { UserError } from '../errors.js';
import { ignoreProgress } from '../progress.js';
import type { ItemRow, TestbedEvaluationRow, TestbedModelRow } from '../store/store.js';
import type { Workspace } from '../store/workspace.js';
import { scoresFromOutputs } from './core/average-softmax.js';
import { viewLength, viewsOf } from './core/preset-spec.js';
import { rankOutputs } from './core/rank-outputs.js';
import type { DecodePool } from './decode-pool.js';
import { storeChunk } from './evaluation-chunks.js';
import { TOP_K } from './evaluation-score.js';
import { loadOnnxModel, type OnnxModel } from './onnx-model.js';
import { PRESETS, type PresetName } from './presets/index.js';
import { DEFAULT_BATCH, type RunOptions } from './run-options.js';

/** One model's state during a pass over a split. */
export interface ModelRun {
  readonly row: TestbedModelRow;
  evaluation: TestbedEvaluationRow;
  readonly outputClass: Int32Array;
  readonly todo: Set<number>;
  onnx?: OnnxModel;
  topk?: Int32Array;
  scores?: Float32Array;
  imagesRun: number;
  error?: string;
}

/** Upper bound on the bytes of preprocessed batches waiting for inference. */
const MAX_PREFETCH_BYTES = 512 * 1024 * 1024;

/** One batch of one chunk: items [start, end) of the split in position order. */
interface Batch {
  readonly chunk: number;
  readonly start: number;
  readonly end: number;
  readonly lastOfChunk: boolean;
}

/**
 * One pass over a split for models that share a preset: the union of their missing chunks is cut into batches,
 * each batch decoded and preprocessed once (prefetched through the pool while inference runs) and run through every
 * model that still needs its chunk; a model's chunk is committed when its last batch is ranked. A model that fails
 * is recorded as failed and skipped from then on; a batch that cannot be decoded fails them all and is rethrown.
 */
export async function pass(ws: Workspace, label: string, items: readonly ItemRow[], preset: PresetName, runs: ModelRun[], pool: DecodePool, options: RunOptions & { chunkSize: number }): Promise<void> {
  const spec = PRESETS[preset];
  const views = viewsOf(spec);
  const classes = runs[0]!.outputClass.length;
  const batchSize = Math.max(1, options.batch ?? DEFAULT_BATCH);
  const onProgress = options.onProgress ?? ignoreProgress;
  // Chunk size is per evaluation: runs that resume an older evaluation may differ, so group by it.
  const chunkSize = runs[0]!.evaluation.chunk_size;
  const mixed = runs.filter((r) => r.evaluation.chunk_size !== chunkSize);
  if (mixed.length > 0) {
    await pass(ws, label, items, preset, mixed, pool, options);
    runs = runs.filter((r) => r.evaluation.chunk_size === chunkSize);
  }
  const chunks = [...new Set(runs.flatMap((r) => [...r.todo]))].sort((a, b) => a - b);
  const batches: Batch[] = [];
  for (const c of chunks) {
    const end = Math.min(items.length, (c + 1) * chunkSize);
    for (let s = c * chunkSize; s < end; s += batchSize) batches.push({ chunk: c, start: s, end: Math.min(end, s + batchSize), lastOfChunk: s + batchSize >= end });
  }
  const total = batches.reduce((n, b) => n + b.end - b.start, 0);
  onProgress({ phase: `eval ${label}`, done: 0, total });
  for (const run of runs) {
    try {
      const bytes = await ws.blobs.get(run.row.onnx_sha256!);
      run.onnx = await loadOnnxModel(bytes, `model ${run.row.name}`, spec, preset, classes, options.threads !== undefined ? { threads: options.threads } : {});
    } catch (err) {
      run.error = await fail(ws, run, err);
    }
  }
  // Keep every worker busy (two batches each), but bound the prefetched tensors: a batch of 64 images is 38 MB at
  // 224×224 and 385 MB with ten crops.
  const batchBytes = batchSize * views * viewLength(spec) * 4;
  const depth = Math.max(1, Math.min(Math.max(2, pool.size * 2), Math.floor(MAX_PREFETCH_BYTES / batchBytes)));
  const pending: Array<Promise<Float32Array> | undefined> = [];
  const prefetch = (i: number) => {
    const b = batches[i];
    if (b === undefined || pending[i] !== undefined) return;
    const p = Promise.all(items.slice(b.start, b.end).map(async (item) => ({ bytes: await ws.blobs.get(item.image_sha256), what: `${label} item ${item.name}` })))
      .then((images) => pool.preprocess(preset, images));
    p.catch(() => {}); // observed when awaited; avoid an unhandled rejection for batches never reached
    pending[i] = p;
  };
  let done = 0;
  try {
    for (let i = 0; i < batches.length; i++) {
      for (let j = i; j <= i + depth; j++) prefetch(j);
      const b = batches[i]!;
      const active = runs.filter((r) => r.error === undefined && r.todo.has(b.chunk));
      if (active.length === 0) {
        pending[i] = undefined;
        continue;
      }
      let tensor: Float32Array;
      try {
        tensor = await pending[i]!;
      } catch (err) {
        // A stored image that cannot be decoded fails every model of the pass: the operation failed (exit 1).
        for (const run of active) run.error = await fail(ws, run, err);
        throw err instanceof UserError ? new UserError(err.message, 1) : err;
      }
      pending[i] = undefined;
      const rows = b.end - b.start;
      for (const run of active) {
        try {
          await runBatch(run, tensor, rows, views, viewLength(spec), b, items, label, options.scores === true);
          run.imagesRun += rows;
          if (b.lastOfChunk) await commitChunk(ws, run, b.chunk, items, chunkSize);
        } catch (err) {
          run.error = await fail(ws, run, err);
        }
      }
      // Every model has run (ONNX Runtime keeps no reference once run returns): the buffer can hold a later batch.
      pool.recycle?.(tensor);
      done += rows;
      onProgress({ phase: `eval ${label}`, done, total });
    }
  } finally {
    await Promise.all(runs.map((r) => r.onnx?.close()));
  }
}

async function runBatch(run: ModelRun, tensor: Float32Array, images: number, views: number, perView: number, b: Batch, items: readonly ItemRow[], label: string, keepScores: boolean): Promise<void> {
  const onnx = run.onnx!;
  const classes = run.outputClass.length;
  const rows = images * views;
  const output = await runRows(onnx, tensor, rows, perView, classes);
  const scores = scoresFromOutputs(output, images, views, classes);
  const chunkLen = Math.min(items.length, (b.chunk + 1) * run.evaluation.chunk_size) - b.chunk * run.evaluation.chunk_size;
  const offset = b.start - b.chunk * run.evaluation.chunk_size;
  if (offset === 0) {
    run.topk = new Int32Array(chunkLen * TOP_K).fill(-1);
    run.scores = keepScores ? new Float32Array(chunkLen * classes) : undefined;
  }
  const bad = rankOutputs(scores, images, classes, TOP_K, run.outputClass, run.topk!, offset);
  if (bad) {
    const item = items[b.start + bad.row]!;
    throw new UserError(`${onnx.what}: output "${onnx.outputName}" is ${bad.value} for ${label} item ${item.name} (output ${bad.column}); the model produced a non-finite score`, 1);
  }
  run.scores?.set(scores, offset * classes);
}

/** Runs all rows, in slices of the model's fixed batch size when it has one (the last slice zero-padded). */
async function runRows(onnx: OnnxModel, tensor: Float32Array, rows: number, perView: number, classes: number): Promise<Float32Array> {
  const fixed = onnx.fixedBatch;
  if (fixed === undefined) return onnx.run(tensor, rows);
  const out = new Float32Array(rows * classes);
  for (let r = 0; r < rows; r += fixed) {
    const n = Math.min(fixed, rows - r);
    const slice = new Float32Array(fixed * perView);
    slice.set(tensor.subarray(r * perView, (r + n) * perView));
    out.set((await onnx.run(slice, fixed)).subarray(0, n * classes), r * classes);
  }
  return out;
}

async function commitChunk(ws: Workspace, run: ModelRun, chunk: number, items: readonly ItemRow[], chunkSize: number): Promise<void> {
  const start = chunk * chunkSize;
  const positions = Int32Array.from(items.slice(start, Math.min(items.length, start + chunkSize)), (i) => i.position);
  await storeChunk(ws, run.evaluation.id, chunk, { positions, k: TOP_K, topk: run.topk!, classes: run.outputClass.length, ...(run.scores ? { scores: run.scores } : {}) });
  run.todo.delete(chunk);
  run.topk = undefined;
  run.scores = undefined;
}

/** Records a model's failure on its evaluation and returns the message. */
async function fail(ws: Workspace, run: ModelRun, err: unknown): Promise<string> {
  const message = err instanceof Error ? err.message : String(err);
  await ws.store.finishEvaluation(run.evaluation.id, { kind: 'failed', error: message }, new Date());
  return message;
}
