import type { Interval } from '../../stats/interval.js';
import type { Exclusion } from './select-models.js';
import type { MeanDifference } from './mean-difference.js';

/** Schema version of the report (JSON `version`); bump when a field changes meaning. */
export const REPORT_VERSION = 'heldout-study-report/1';

/** An accuracy as counted, with its binomial interval. */
export interface AccuracyJson {
  readonly correct: number;
  readonly n: number;
  readonly accuracy: number;
  readonly ci: readonly [number, number];
}

/** One model's row of the report. */
export interface ModelRow {
  readonly name: string;
  readonly original: AccuracyJson;
  readonly new: AccuracyJson;
  readonly holdout?: AccuracyJson;
  /** original − new accuracy (positive: the model lost accuracy), Newcombe interval, two-sample z-test p-value. */
  readonly drop: { readonly value: number; readonly ci: readonly [number, number]; readonly pValue: number };
  /** new − fitted new accuracy (Taori et al.), in accuracy units; null when the model is outside the fit's domain. */
  readonly effectiveRobustness: number | null;
  /** The fitted new accuracy at this model's original accuracy; null like effectiveRobustness. */
  readonly predicted: number | null;
  readonly inFit: boolean;
}

export interface FitJson {
  readonly transform: string;
  readonly slope: number;
  readonly intercept: number;
  readonly r2: number;
  readonly residualSe: number | null;
  /** Models in the fit. */
  readonly n: number;
  readonly clip: number | null;
  readonly slopeCi: readonly [number, number];
  readonly interceptCi: readonly [number, number];
  /** Pointwise percentile bootstrap band of the fitted new accuracy (models resampled). */
  readonly band: { readonly x: readonly number[]; readonly lower: readonly number[]; readonly upper: readonly number[] };
  readonly resamples: number;
  readonly redrawn: number;
  readonly seed: number;
}

export interface RankCorrelationJson {
  readonly estimate: number | null;
  readonly ci: readonly [number, number] | null;
  readonly n: number;
  readonly method: string;
}

/** A term of the gap decomposition: estimated, bounded, or not identifiable from the data (with the reason). */
export type GapTerm =
  | { readonly kind: 'estimate'; readonly value: number; readonly ci: readonly [number, number]; readonly models: number; readonly note: string }
  | { readonly kind: 'bound'; readonly halfWidth: number; readonly note: string }
  | { readonly kind: 'not-identifiable'; readonly reason: string };

export interface Decomposition {
  readonly formula: string;
  readonly observed: { readonly value: number; readonly ci: readonly [number, number] };
  readonly generalization: GapTerm;
  readonly adaptivity: GapTerm;
  readonly distribution: GapTerm;
}

export type Similarity =
  | { readonly available: false; readonly reason: string }
  | {
    readonly available: true;
    readonly testSet: string;
    readonly images: number;
    readonly models: readonly string[];
    /** Row-major k × k agreement (fraction of images with the same top-1 class). */
    readonly agreement: readonly (readonly number[])[];
    /** Row-major k × k: max(0, aᵢ + aⱼ − 1). */
    readonly minimum: readonly (readonly number[])[];
    readonly meanAgreement: number;
    readonly meanMinimum: number;
    readonly effectiveModels: { readonly value: number; readonly k: number; readonly delta: number; readonly definition: string };
    readonly note?: string;
  };

/** The whole report: JSON as printed by `heldout study report --format json`. */
export interface StudyReport {
  readonly version: typeof REPORT_VERSION;
  readonly study: string;
  readonly source: 'testbed' | 'import';
  readonly description: string;
  readonly original: { readonly name: string; readonly n: number };
  readonly new: { readonly name: string; readonly n: number };
  readonly newSets: readonly string[];
  readonly holdout: { readonly name: string; readonly n: number | null } | null;
  readonly settings: {
    readonly transform: string;
    readonly confidence: number;
    readonly interval: string;
    readonly bootstrap: { readonly resamples: number; readonly seed: number };
    readonly clip: number | null;
  };
  readonly models: readonly ModelRow[];
  readonly excluded: readonly Exclusion[];
  readonly fit: FitJson;
  readonly meanDrop: MeanDifference & { readonly definition: string };
  readonly rankAgreement: { readonly kendallTau: RankCorrelationJson; readonly spearmanRho: RankCorrelationJson };
  readonly decomposition: Decomposition;
  readonly similarity: Similarity;
}

export function tuple(i: Interval): [number, number] {
  return [i.lower, i.upper];
}
