import { normalQuantile } from './stdlib-normal.js';
import type { Interval } from './interval.js';

/**
 * Wilson score interval (no continuity correction) for k successes in n trials at confidence 1 − alpha:
 * (k + z²/2)/(n + z²) ± z/(n + z²) · √(k(n − k)/n + z²/4), with z = Φ⁻¹(1 − α/2).
 * Written in Newcombe's (1998) form, the same arithmetic as scipy's `binomtest(...).proportion_ci('wilson')`.
 * At k = 0 the lower limit is exactly 0 and at k = n the upper limit is exactly 1 (the formula gives
 * them only up to rounding). Arguments are not checked here: use {@link binomialInterval}.
 */
export function wilson(k: number, n: number, alpha: number): Interval {
  const z = normalQuantile(1 - alpha / 2, 0, 1);
  const p = k / n;
  const q = 1 - p;
  const denom = 2 * (n + z * z);
  const center = (2 * n * p + z * z) / denom;
  const delta = (z / denom) * Math.sqrt(4 * n * p * q + z * z);
  return {
    lower: k === 0 ? 0 : center - delta,
    upper: k === n ? 1 : center + delta,
  };
}
