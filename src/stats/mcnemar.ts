import { binomialCdf } from './stdlib-beta.js';
import { normalCdf } from './stdlib-normal.js';
import { checkInteger } from './checks.js';

/** Result of a McNemar test on the discordant counts b and c. */
export interface McNemarResult {
  /** Exact test: min(b, c). Chi-square test: (|b − c| − 1)² / (b + c). */
  readonly statistic: number;
  /** Two-sided p-value. */
  readonly pValue: number;
}

/**
 * McNemar's exact test: a two-sided binomial test of b out of b + c at p = ½, computed as
 * p = min(1, 2 · P(X ≤ min(b, c))), X ~ Binomial(b + c, ½). With b + c = 0 there is no evidence
 * either way and p = 1 (P(X ≤ 0) = 1 for X ~ Binomial(0, ½)). Matches statsmodels `mcnemar(exact=True)`.
 */
export function mcnemarExact(b: number, c: number): McNemarResult {
  checkCounts(b, c);
  const m = Math.min(b, c);
  const pValue = b + c === 0 ? 1 : Math.min(1, 2 * binomialCdf(m, b + c, 0.5));
  return { statistic: m, pValue };
}

/**
 * McNemar's chi-square test with Edwards' continuity correction: statistic (|b − c| − 1)² / (b + c),
 * p from χ²(1). As in statsmodels `mcnemar(exact=False, correction=True)`, |b − c| − 1 is not clipped
 * at 0, so b = c gives statistic 1/(b + c) (p slightly below 1) and |b − c| = 1 gives 0.
 * Deviation: with b + c = 0 statsmodels divides by zero (statistic ∞, p 0, i.e. "maximally
 * significant" with no discordant pairs at all); here that case is statistic 0, p 1.
 */
export function mcnemarChiSquare(b: number, c: number): McNemarResult {
  checkCounts(b, c);
  if (b + c === 0) return { statistic: 0, pValue: 1 };
  const d = Math.abs(b - c) - 1;
  const statistic = (d * d) / (b + c);
  // χ²(1) survival function written as 2Φ(−√x): exact identity, and unlike 1 − cdf it keeps full
  // relative precision for tiny p-values.
  const pValue = Math.min(1, 2 * normalCdf(-Math.sqrt(statistic), 0, 1));
  return { statistic, pValue };
}

/** McNemar test variants, by name. */
export const MCNEMAR_METHODS = {
  exact: mcnemarExact,
  'chi-square': mcnemarChiSquare,
} as const;

/** Name of a McNemar variant: `'exact'` or `'chi-square'` (continuity-corrected). */
export type McNemarMethod = keyof typeof MCNEMAR_METHODS;

/**
 * McNemar's test for paired proportions from the discordant counts: b = items only A got right,
 * c = items only B got right. Throws RangeError unless b and c are non-negative integers.
 *
 * @example
 * mcnemar(3, 7, 'exact') // → { statistic: 3, pValue: 0.34375 }
 */
export function mcnemar(b: number, c: number, method: McNemarMethod = 'exact'): McNemarResult {
  if (!Object.hasOwn(MCNEMAR_METHODS, method)) {
    throw new RangeError(`unknown McNemar method ${JSON.stringify(method)}; expected one of ${Object.keys(MCNEMAR_METHODS).join(', ')}`);
  }
  return MCNEMAR_METHODS[method](b, c);
}

function checkCounts(b: number, c: number): void {
  checkInteger(b, 'b (discordant count)');
  checkInteger(c, 'c (discordant count)');
}
