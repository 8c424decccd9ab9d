import { betaQuantile } from './stdlib-beta.js';
import type { Interval } from './interval.js';

/**
 * Clopper–Pearson "exact" interval for k successes in n trials at confidence 1 − alpha:
 * lower = Beta⁻¹(α/2; k, n − k + 1), upper = Beta⁻¹(1 − α/2; k + 1, n − k).
 * The Beta quantile is undefined at k = 0 (lower) and k = n (upper); the limits there are 0 and 1.
 * Arguments are not checked here: use {@link binomialInterval}.
 */
export function clopperPearson(k: number, n: number, alpha: number): Interval {
  const lower = k === 0 ? 0 : betaQuantile(alpha / 2, k, n - k + 1);
  const upper = k === n ? 1 : betaQuantile(1 - alpha / 2, k + 1, n - k);
  return { lower, upper };
}
