import { availableParallelism } from 'node:os';
import { UserError } from '../errors.js';
import { findSplitOrThrow } from '../datasets/find-split.js';
import type { SplitRow, TestbedEvaluationRow, TestbedModelRow } from '../store/store.js';
import type { Workspace } from '../store/workspace.js';
import { createDecodePool } from './decode-pool.js';
import { SCORER_VERSION, TOP_K } from './evaluation-score.js';
import { finishIfComplete } from './evaluation-chunks.js';
import { pass, type ModelRun } from './evaluation-pass.js';
import { DEFAULT_BATCH, type RunOptions } from './run-options.js';
import { isPresetName, type PresetName } from './presets/index.js';
import { outputToDatasetIndex } from './resolve-classes.js';


/** What happened to one model on one split. */
export interface EvaluationOutcome {
  readonly model: string;
  readonly dataset: string;
  readonly split: string;
  /** `done` now, `skipped` (was already done), or `failed` (error; rerun resumes after the last stored chunk). */
  readonly status: 'done' | 'skipped' | 'failed';
  readonly evaluation: TestbedEvaluationRow;
  /** Images run in this call (0 when skipped). */
  readonly imagesRun: number;
  readonly error?: string;
}

const DEFAULT_CHUNK = 1024;


/**
 * Evaluates models on one split: each model's missing chunks are decoded and preprocessed once per preset (in a
 * worker pool, overlapping with inference), run through every model that needs them, ranked, and committed chunk by
 * chunk, so an interrupted run resumes where it stopped. A model that fails (NaN output, inference error) is marked
 * failed and the others continue; an image that cannot be decoded fails every model of the pass.
 *
 * @example await evaluateOnSplit(ws, 'fashion-mnist', 'test', ['lenet5', 'mlp-64'], { batch: 256 })
 */
export async function evaluateOnSplit(ws: Workspace, datasetName: string, splitName: string, modelNames: readonly string[], options: RunOptions = {}): Promise<EvaluationOutcome[]> {
  const { dataset, split } = await findSplitOrThrow(ws.store, datasetName, splitName);
  const classes = await ws.store.datasetClasses(dataset.id);
  const items = await ws.store.listItems(split.id);
  if (items.length === 0) throw new UserError(`dataset ${dataset.name} split ${split.name} has no images`);
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK;
  const outcomes: EvaluationOutcome[] = [];
  const byPreset = new Map<PresetName, ModelRun[]>();
  for (const name of modelNames) {
    const row = await findModelOrThrow(ws, name);
    if (row.source !== 'onnx' || row.preset === null || !isPresetName(row.preset)) {
      throw new UserError(`model ${row.name} has imported predictions only (no ONNX file): it cannot be run; import its predictions for ${dataset.name}/${split.name} instead`);
    }
    const outputClass = outputToDatasetIndex(row, dataset.name, classes);
    const run = await prepare(ws, row, split, items.length, chunkSize, outputClass, options);
    if (run === undefined) {
      const evaluation = (await ws.store.findEvaluation(row.id, split.id))!;
      outcomes.push({ model: row.name, dataset: dataset.name, split: split.name, status: 'skipped', evaluation, imagesRun: 0 });
      continue;
    }
    byPreset.set(row.preset, [...(byPreset.get(row.preset) ?? []), run]);
  }
  const ownPool = options.pool === undefined && byPreset.size > 0;
  const pool = options.pool ?? (byPreset.size > 0 ? createDecodePool(options.workers ?? Math.max(1, availableParallelism() - 1)) : undefined);
  try {
    for (const [preset, runs] of byPreset) {
      await pass(ws, `${dataset.name}/${split.name}`, items, preset, runs, pool!, { ...options, chunkSize });
      for (const run of runs) {
        const evaluation = run.error === undefined ? await finishIfComplete(ws, run.evaluation, items, classes) : (await ws.store.getEvaluation(run.evaluation.id))!;
        outcomes.push({
          model: run.row.name, dataset: dataset.name, split: split.name, status: run.error === undefined ? 'done' : 'failed', evaluation, imagesRun: run.imagesRun,
          ...(run.error !== undefined ? { error: run.error } : {}),
        });
      }
    }
  } finally {
    if (ownPool) await pool!.close();
  }
  return modelNames.map((m) => outcomes.find((o) => o.model === m)!);
}

export async function findModelOrThrow(ws: Workspace, name: string): Promise<TestbedModelRow> {
  const row = await ws.store.findModel(name);
  if (row) return row;
  const known = (await ws.store.listModels()).map((m) => m.name);
  throw new UserError(`no model named "${name}"${known.length ? ` (models: ${known.slice(0, 20).join(', ')}${known.length > 20 ? ', …' : ''})` : ' (register one with heldout model add)'}`);
}

/** Finds or creates the evaluation row; undefined when it is already done (and not forced). Also plans shards (evaluation-shards.ts). */
export async function prepare(ws: Workspace, row: TestbedModelRow, split: SplitRow, n: number, chunkSize: number, outputClass: Int32Array, options: RunOptions): Promise<ModelRun | undefined> {
  let evaluation = await ws.store.findEvaluation(row.id, split.id);
  if (evaluation && options.force) {
    await ws.store.deleteEvaluation(evaluation.id);
    evaluation = undefined;
  }
  if (evaluation?.status === 'done') return undefined;
  const scores = options.scores === true;
  if (evaluation) {
    if (evaluation.n !== n) throw new UserError(`evaluation of ${row.name} on split ${split.name} was started with ${evaluation.n} images, the split now has ${n}; rerun with --force`);
    if ((evaluation.with_scores === 1) !== scores) {
      throw new UserError(`evaluation of ${row.name} on split ${split.name} was started ${evaluation.with_scores ? 'with' : 'without'} --scores; resume it the same way, or rerun with --force`);
    }
    await ws.store.resumeEvaluation(evaluation.id);
  } else {
    evaluation = await ws.store.createEvaluation({
      model_id: row.id, split_id: split.id, n, k: TOP_K, chunk_size: chunkSize, scorer_version: SCORER_VERSION, with_scores: scores ? 1 : 0,
      settings_json: JSON.stringify({ preset: row.preset, batch: options.batch ?? DEFAULT_BATCH, threads: options.threads ?? null, onnx_sha256: row.onnx_sha256 }),
    }, new Date());
  }
  const done = new Set((await ws.store.listChunks(evaluation.id)).map((c) => c.chunk));
  const todo = new Set<number>();
  for (let c = 0; c * evaluation.chunk_size < n; c++) if (!done.has(c)) todo.add(c);
  return { row, evaluation, outputClass, todo, imagesRun: 0 };
}
