import type { ClassEntry } from '../classes/class-set.js';
import { UserError } from '../errors.js';
import { scorePredictions } from '../score/core/score-predictions.js';
import { DEFAULT_INTERVAL } from '../score/core/proportion.js';
import type { ItemRow, TestbedEvaluationRow } from '../store/store.js';
import type { Workspace } from '../store/workspace.js';
import { decodePredictionChunk, encodePredictionChunk, type PredictionChunk } from './core/prediction-chunk.js';

/**
 * Stores one chunk: its blob first, then the row in one transaction; if the row cannot be written, a blob this call
 * created is deleted again, so the workspace is as before.
 */
export async function storeChunk(ws: Workspace, evaluationId: number, chunk: number, c: PredictionChunk): Promise<void> {
  const { sha256, created } = await ws.blobs.put(encodePredictionChunk(c));
  try {
    await ws.store.addChunk(evaluationId, { chunk, count: c.positions.length, blob_sha256: sha256 }, new Date());
  } catch (err) {
    if (created) await ws.blobs.delete(sha256);
    throw err;
  }
}

/** Every stored chunk of an evaluation joined in position order: n × k guesses (and n × classes scores if stored). */
export async function loadPredictions(ws: Workspace, e: TestbedEvaluationRow, items: readonly ItemRow[]): Promise<{ guesses: Int32Array; scores?: Float32Array; classes: number }> {
  const guesses = new Int32Array(items.length * e.k).fill(-1);
  let scores: Float32Array | undefined;
  let classes = 0;
  for (const row of await ws.store.listChunks(e.id)) {
    const c = decodePredictionChunk(await ws.blobs.get(row.blob_sha256), `evaluation ${e.id} chunk ${row.chunk}`);
    const start = row.chunk * e.chunk_size;
    for (let i = 0; i < c.positions.length; i++) {
      if (items[start + i]?.position !== c.positions[i]) throw new UserError(`evaluation ${e.id} chunk ${row.chunk} does not match the split's images any more; rerun with --force`, 1);
    }
    guesses.set(c.topk, start * e.k);
    if (c.scores) {
      classes = c.classes;
      scores ??= new Float32Array(items.length * classes);
      scores.set(c.scores, start * classes);
    }
  }
  return { guesses, classes, ...(scores ? { scores } : {}) };
}

/**
 * When every chunk is stored, scores the evaluation with the scoring core (labels = the items' classes) and marks it
 * done with its top-1/top-k counts. Returns the evaluation as it now is.
 */
export async function finishIfComplete(ws: Workspace, e: TestbedEvaluationRow, items: readonly ItemRow[], classes: readonly ClassEntry[]): Promise<TestbedEvaluationRow> {
  const current = (await ws.store.getEvaluation(e.id))!;
  if (current.done < current.n) return current;
  const indexOf = new Map(classes.map((c) => [c.wnid, c.index]));
  const labels = Int32Array.from(items, (i) => indexOf.get(i.wnid) ?? -1);
  const { guesses } = await loadPredictions(ws, current, items);
  const result = scorePredictions({ labels, guesses, k: current.k, numClasses: classes.length }, { interval: DEFAULT_INTERVAL });
  const top1 = result.accuracy[0]!.correct;
  const topk = result.accuracy.find((a) => a.k === current.k)?.correct ?? top1;
  await ws.store.finishEvaluation(current.id, { kind: 'done', correctTop1: top1, correctTopk: topk }, new Date());
  return (await ws.store.getEvaluation(current.id))!;
}
