import { confusionMatrix, type ConfusionCell } from './confusion-matrix.js';
import { countTopK, firstCorrectRank } from './first-correct-rank.js';
import { perClassAccuracy, type ClassAccuracy } from './per-class-accuracy.js';
import { proportion, type IntervalOptions, type Proportion } from './proportion.js';

/** Predictions already aligned with their labels: row i of `guesses` (k slots, -1 = empty) is image i. */
export interface AlignedPredictions {
  readonly labels: Int32Array;
  readonly guesses: Int32Array;
  readonly k: number;
  readonly numClasses: number;
}

/** What to compute besides overall accuracy. */
export interface ScoreOptions {
  readonly interval: IntervalOptions;
  readonly perClass?: boolean;
  readonly confusion?: boolean;
}

/** Accuracy at one top-j. */
export interface TopAccuracy extends Proportion {
  readonly k: number;
}

export interface ScoreResult {
  readonly n: number;
  readonly k: number;
  readonly interval: IntervalOptions;
  /** Top-1, then top-k when k > 1. */
  readonly accuracy: readonly TopAccuracy[];
  readonly perClass?: readonly ClassAccuracy[];
  readonly confusion?: readonly ConfusionCell[];
}

/** The top-j values reported for slot count k: 1, and k itself when larger. */
export function reportedKs(k: number): number[] {
  return k > 1 ? [1, k] : [1];
}

/**
 * Scores aligned predictions: top-1 and top-k accuracy with intervals, optionally per class and the top-1
 * confusion matrix. Needs n ≥ 1.
 *
 * @example scorePredictions({ labels, guesses, k: 5, numClasses: 1000 }, { interval: DEFAULT_INTERVAL }).accuracy[1].accuracy
 */
export function scorePredictions(p: AlignedPredictions, options: ScoreOptions): ScoreResult {
  const { labels, guesses, k, numClasses } = p;
  const rank = firstCorrectRank(labels, guesses, k);
  const ks = reportedKs(k);
  const n = labels.length;
  return {
    n,
    k,
    interval: options.interval,
    accuracy: ks.map((j) => ({ k: j, ...proportion(countTopK(rank, j), n, options.interval) })),
    ...(options.perClass ? { perClass: perClassAccuracy(labels, rank, ks, numClasses, options.interval) } : {}),
    ...(options.confusion ? { confusion: confusionMatrix(labels, guesses, k, numClasses, options.interval) } : {}),
  };
}
