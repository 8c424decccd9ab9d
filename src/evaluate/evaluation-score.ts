import { DEFAULT_INTERVAL, proportion, type IntervalOptions, type Proportion } from '../score/core/proportion.js';
import type { TestbedEvaluationRow } from '../store/store.js';

/** Scorer version stored with every evaluation: bump when the way counts are computed changes. */
export const SCORER_VERSION = 'heldout-testbed/1';

/** Guess slots stored per image. */
export const TOP_K = 5;

/** Top-1 and top-k accuracy of a finished evaluation, each with n and an interval (from its stored counts). */
export interface EvaluationScore {
  readonly top1: Proportion;
  readonly topk: Proportion;
  readonly k: number;
  readonly interval: IntervalOptions;
}

/** The score of a `done` evaluation with at least one image; undefined otherwise. */
export function evaluationScore(e: TestbedEvaluationRow, interval: IntervalOptions = DEFAULT_INTERVAL): EvaluationScore | undefined {
  if (e.status !== 'done' || e.correct_top1 === null || e.correct_topk === null || e.n < 1) return undefined;
  return { top1: proportion(e.correct_top1, e.n, interval), topk: proportion(e.correct_topk, e.n, interval), k: e.k, interval };
}
