import { availableParallelism } from 'node:os';
import { findSplitOrThrow } from '../datasets/find-split.js';
import { UserError } from '../errors.js';
import { ignoreProgress, type ProgressListener } from '../progress.js';
import type { Workspace } from '../store/workspace.js';
import { createDecodePool } from './decode-pool.js';
import { finishIfComplete } from './evaluation-chunks.js';
import { pass, type ModelRun } from './evaluation-pass.js';
import { isPresetName } from './presets/index.js';
import { outputToDatasetIndex } from './resolve-classes.js';
import { findModelOrThrow, prepare } from './run-evaluations.js';
import type { RunOptions } from './run-options.js';

/** Job type of one evaluation shard on the JobQueue. */
export const EVAL_SHARD_JOB = 'eval-shard';

/** One shard: chunks [from, to) of one model's evaluation on one split. */
export interface EvalShardPayload {
  readonly model: string;
  readonly dataset: string;
  readonly split: string;
  readonly from: number;
  readonly to: number;
  readonly batch?: number;
  readonly threads?: number;
  readonly workers?: number;
}

export interface EvalShardResult {
  readonly evaluationId: number;
  readonly from: number;
  readonly to: number;
  /** Chunks this run computed and stored (0 when another run had stored them all). */
  readonly chunksRun: number;
  readonly status: 'running' | 'done' | 'failed';
}

const DEFAULT_CHUNK = 1024;

/**
 * Creates (or resumes) a model's evaluation on a split and cuts its missing chunks into at most `shards` contiguous
 * ranges, one job each; none when it is already done. The evaluation row exists before any shard runs, so shards on
 * different workers never race to create it.
 */
export async function planEvaluationShards(ws: Workspace, p: { model: string; dataset: string; split: string; shards: number; chunkSize?: number; scores?: boolean }): Promise<EvalShardPayload[]> {
  const { dataset, split } = await findSplitOrThrow(ws.store, p.dataset, p.split);
  const items = await ws.store.listItems(split.id);
  if (items.length === 0) throw new UserError(`dataset ${dataset.name} split ${split.name} has no images`);
  const row = await findModelOrThrow(ws, p.model);
  const classes = await ws.store.datasetClasses(dataset.id);
  const run = await prepare(ws, row, split, items.length, p.chunkSize ?? DEFAULT_CHUNK, outputToDatasetIndex(row, dataset.name, classes), p.scores ? { scores: true } : {});
  if (!run) return [];
  const todo = [...run.todo].sort((a, b) => a - b);
  const per = Math.ceil(todo.length / Math.max(1, p.shards));
  const out: EvalShardPayload[] = [];
  for (let i = 0; i < todo.length; i += per) {
    out.push({ model: row.name, dataset: dataset.name, split: split.name, from: todo[i]!, to: todo[Math.min(todo.length, i + per) - 1]! + 1 });
  }
  return out;
}

/**
 * Runs one shard: computes and commits the shard's chunks that are not stored yet (each chunk is one blob and one
 * row, written once), then scores the evaluation if every chunk of every shard is in. Idempotent: a shard that runs
 * twice (a retry after a crash) finds its stored chunks and runs only the missing ones, so its results are stored
 * once. Aborting `signal` stops it between batches; committed chunks stay.
 */
export async function runEvaluationShard(ws: Workspace, p: EvalShardPayload, opts: { onProgress?: ProgressListener; signal?: AbortSignal } = {}): Promise<EvalShardResult> {
  const { dataset, split } = await findSplitOrThrow(ws.store, p.dataset, p.split);
  const row = await findModelOrThrow(ws, p.model);
  if (row.source !== 'onnx' || row.preset === null || !isPresetName(row.preset)) throw new UserError(`model ${row.name} has no ONNX file to run`);
  let evaluation = await ws.store.findEvaluation(row.id, split.id);
  if (!evaluation) throw new UserError(`no evaluation of ${row.name} on ${dataset.name}/${split.name}: plan its shards first`);
  const base = { evaluationId: evaluation.id, from: p.from, to: p.to };
  if (evaluation.status === 'done') return { ...base, chunksRun: 0, status: 'done' };
  const items = await ws.store.listItems(split.id);
  const classes = await ws.store.datasetClasses(dataset.id);
  const stored = new Set((await ws.store.listChunks(evaluation.id)).map((c) => c.chunk));
  const todo = new Set<number>();
  for (let c = p.from; c < p.to; c++) if (!stored.has(c)) todo.add(c);
  const chunksRun = todo.size; // pass() empties the set as it commits
  if (todo.size > 0) {
    if (evaluation.status === 'failed') await ws.store.resumeEvaluation(evaluation.id);
    const run: ModelRun = { row, evaluation, outputClass: outputToDatasetIndex(row, dataset.name, classes), todo, imagesRun: 0 };
    const onProgress = opts.onProgress ?? ignoreProgress;
    const options: RunOptions = {
      ...(p.batch !== undefined ? { batch: p.batch } : {}), ...(p.threads !== undefined ? { threads: p.threads } : {}),
      scores: evaluation.with_scores === 1,
      // Throwing here leaves pass() between batches: what it committed stays, the rest is rerun by the next attempt.
      onProgress: (pr) => {
        if (opts.signal?.aborted) throw new Error('evaluation shard aborted (worker shutting down)');
        onProgress(pr);
      },
    };
    const pool = createDecodePool(p.workers ?? Math.max(1, availableParallelism() - 1));
    try {
      await pass(ws, `${dataset.name}/${split.name} [${p.from}, ${p.to})`, items, row.preset, [run], pool, { ...options, chunkSize: evaluation.chunk_size });
    } finally {
      await pool.close();
    }
    if (run.error !== undefined) throw new Error(run.error);
    evaluation = (await ws.store.getEvaluation(evaluation.id))!;
  }
  const after = await finishIfComplete(ws, evaluation, items, classes);
  return { ...base, chunksRun, status: after.status === 'done' ? 'done' : after.status === 'failed' ? 'failed' : 'running' };
}
