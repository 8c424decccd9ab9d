import { checkAlpha, checkInteger } from './checks.js';
import { clopperPearson } from './clopper-pearson.js';
import type { Interval } from './interval.js';
import { wilson } from './wilson.js';

/** Interval methods for a binomial proportion, by name. */
export const INTERVAL_METHODS = {
  'clopper-pearson': clopperPearson,
  wilson,
} as const;

/** Name of a binomial interval method: `'clopper-pearson'` or `'wilson'`. */
export type IntervalMethod = keyof typeof INTERVAL_METHODS;

/** Options for {@link binomialInterval}. */
export interface BinomialIntervalOptions {
  /** Default `'clopper-pearson'`: exact coverage ≥ 1 − α, the conservative choice for published numbers. */
  readonly method?: IntervalMethod;
  /** 1 − confidence; default 0.05. */
  readonly alpha?: number;
}

/**
 * Two-sided confidence interval for a proportion k/n (e.g. top-1 accuracy: k correct of n images).
 * Throws RangeError unless n ≥ 1 and 0 ≤ k ≤ n are integers and 0 < alpha < 1.
 *
 * @example
 * binomialInterval(76, 100, { method: 'wilson', alpha: 0.05 }) // → { lower: 0.668…, upper: 0.833… }
 */
export function binomialInterval(k: number, n: number, options: BinomialIntervalOptions = {}): Interval {
  const method = options.method ?? 'clopper-pearson';
  const alpha = options.alpha ?? 0.05;
  checkInteger(n, 'n (number of trials)', 1);
  checkInteger(k, 'k (number of successes)', 0);
  if (k > n) throw new RangeError(`k (number of successes) must be ≤ n, got k=${k}, n=${n}`);
  checkAlpha(alpha);
  // hasOwn, not a plain lookup: a name like "toString" must not reach Object.prototype.
  if (!Object.hasOwn(INTERVAL_METHODS, method)) {
    throw new RangeError(`unknown interval method ${JSON.stringify(method)}; expected one of ${Object.keys(INTERVAL_METHODS).join(', ')}`);
  }
  return INTERVAL_METHODS[method](k, n, alpha);
}
