import type { Rng } from './rng.js';

/** Below this fraction of the modal probability a term is left out of the table (its mass is far below 2⁻⁵³). */
const TAIL = 1e-20;

/**
 * A sampler for Binomial(n, p) by inversion: the CDF is tabulated once around the mode (terms down to
 * 1e-20 of the modal probability, built with the ratio recurrence and normalised), and each draw is
 * one `rng.next()` and a binary search. The left-out tails hold less probability than the 2⁻⁵³ grid of
 * `next()` can resolve, so the draws are exact for practical purposes. Build once, draw many times.
 */
export function binomialSampler(n: number, p: number): (rng: Rng) => number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`binomial n must be an integer ≥ 0, got ${n}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binomial p must be in [0, 1], got ${p}`);
  if (n === 0 || p === 0) return () => 0;
  if (p === 1) return () => n;
  const odds = p / (1 - p);
  const mode = Math.min(n, Math.floor((n + 1) * p));
  // Walk down and up from the mode with pmf(x+1)/pmf(x) = (n − x)/(x + 1) · p/(1 − p), relative to pmf(mode) = 1.
  const below: number[] = [];
  let term = 1;
  for (let x = mode; x > 0; x--) {
    term *= x / ((n - x + 1) * odds);
    if (term < TAIL) break;
    below.push(term);
  }
  const above: number[] = [];
  term = 1;
  for (let x = mode; x < n; x++) {
    term *= ((n - x) / (x + 1)) * odds;
    if (term < TAIL) break;
    above.push(term);
  }
  const lo = mode - below.length;
  const cdf = new Float64Array(below.length + 1 + above.length);
  let sum = 0;
  let j = 0;
  for (let i = below.length - 1; i >= 0; i--) cdf[j++] = sum += below[i]!;
  cdf[j++] = sum += 1;
  for (const t of above) cdf[j++] = sum += t;
  // Dividing by the same running total makes the last entry exactly 1, so every u in [0, 1) finds a slot.
  for (let i = 0; i < cdf.length; i++) cdf[i] = cdf[i]! / sum;
  const last = cdf.length - 1;
  return (rng: Rng): number => {
    const u = rng.next();
    let a = 0;
    let b = last;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (u < cdf[m]!) b = m;
      else a = m + 1;
    }
    return lo + a;
  };
}
