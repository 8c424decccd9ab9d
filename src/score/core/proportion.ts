import { binomialInterval, type IntervalMethod } from '../../stats/binomial-interval.js';

/** How intervals are computed: a binomial interval method and a two-sided confidence level in (0, 1). */
export interface IntervalOptions {
  readonly method: IntervalMethod;
  readonly confidence: number;
}

/** Default: 95% Clopper–Pearson, the conservative (exact-coverage) choice for published numbers. */
export const DEFAULT_INTERVAL: IntervalOptions = { method: 'clopper-pearson', confidence: 0.95 };

/** An accuracy as counted: `correct` of `n`, its fraction, the error 1 − accuracy, and an interval for the accuracy. */
export interface Proportion {
  readonly correct: number;
  readonly n: number;
  readonly accuracy: number;
  readonly error: number;
  /** Interval for the accuracy, [lower, upper]; the error's interval is [1 − upper, 1 − lower]. */
  readonly ci: readonly [number, number];
}

/**
 * `correct` of `n` (n ≥ 1) with its interval.
 *
 * @example proportion(76, 100, DEFAULT_INTERVAL) // → { correct: 76, n: 100, accuracy: 0.76, error: 0.24, ci: [0.664…, 0.840…] }
 */
export function proportion(correct: number, n: number, interval: IntervalOptions): Proportion {
  const key = `${interval.method} ${interval.confidence} ${correct} ${n}`;
  const known = recent.get(key);
  if (known) return known;
  const ci = binomialInterval(correct, n, { method: interval.method, alpha: alphaOf(interval.confidence) });
  const p: Proportion = Object.freeze({ correct, n, accuracy: correct / n, error: (n - correct) / n, ci: Object.freeze([ci.lower, ci.upper] as const) });
  if (recent.size >= RECENT_LIMIT) recent.clear();
  recent.set(key, p);
  return p;
}

/**
 * Leaderboards ask for the same few counts on every request, and a Clopper–Pearson bound costs a beta quantile
 * (~0.05 ms); results are frozen, so sharing them is safe. Cleared when full rather than LRU: the set is small.
 */
const recent = new Map<string, Proportion>();
const RECENT_LIMIT = 10_000;

/** α = 1 − confidence, rounded to 15 digits so that 0.95 gives exactly 0.05 (1 − 0.95 is 0.050000000000000044). */
export function alphaOf(confidence: number): number {
  return Number((1 - confidence).toPrecision(15));
}
