import type { IntervalMethod } from '../../stats/binomial-interval.js';
import type { TransformName } from '../../stats/transforms.js';

/** One model's accuracy count on one test set: `correct` of `n` images. */
export interface CountRow {
  readonly model: string;
  readonly testSet: string;
  readonly correct: number;
  readonly n: number;
}

/** Per-image top-1 predictions on one test set (class indices), with the labels, for similarity and image-level intervals. */
export interface SetPredictions {
  readonly labels: Int32Array;
  /** Model name → top-1 class index per image (−1 = no guess), in the labels' order. */
  readonly top1: ReadonlyMap<string, Int32Array>;
}

/** What a report is computed from: the study's definition, its counts and, when the testbed has them, predictions. */
export interface StudyData {
  readonly name: string;
  readonly source: 'testbed' | 'import';
  readonly original: string;
  readonly newSets: readonly string[];
  /** A never-used split of the original distribution, when the study has one. */
  readonly holdout?: string;
  readonly counts: readonly CountRow[];
  /** By test set; absent (or missing a set) when only counts exist. */
  readonly predictions?: ReadonlyMap<string, SetPredictions>;
  readonly description?: string;
}

/** How to compute a report. */
export interface ReportOptions {
  /** The new test set to compare with; default the study's first. */
  readonly newSet?: string;
  readonly transform: TransformName;
  /** Bootstrap resamples of the fit band (models resampled); default 10,000. */
  readonly resamples: number;
  readonly seed: number;
  /** Two-sided confidence level of every interval; default 0.95. */
  readonly confidence: number;
  /** Binomial interval for each accuracy; default Clopper–Pearson. */
  readonly interval: IntervalMethod;
  /** Under probit/logit, clamp accuracies into [clip, 1 − clip] instead of excluding 0 and 1 from the fit. */
  readonly clip?: number;
}

export const DEFAULT_REPORT_OPTIONS: ReportOptions = { transform: 'probit', resamples: 10_000, seed: 1, confidence: 0.95, interval: 'clopper-pearson' };

/** `dataset:split` with the split defaulting to `test`. */
export function normaliseTestSet(name: string): string {
  const trimmed = name.trim();
  return trimmed.includes(':') ? trimmed : `${trimmed}:test`;
}
