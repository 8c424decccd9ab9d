import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { averageRanks } from './average-ranks.js';
import { checkAlpha } from './checks.js';
import type { Interval } from './interval.js';

/** A rank correlation with its Fisher-z interval. */
export interface RankCorrelation {
  readonly estimate: number;
  /** Fisher-z interval: tanh(atanh(r) ± z·se); undefined when n is too small for the variance formula. */
  readonly ci: Interval | undefined;
  readonly n: number;
  /** The standard error of atanh(r) used for the interval. */
  readonly se: number | undefined;
}

function checkPairs(x: ArrayLike<number>, y: ArrayLike<number>): void {
  if (x.length !== y.length) throw new RangeError(`x and y must have the same length, got ${x.length} and ${y.length}`);
  if (x.length < 2) throw new RangeError(`a rank correlation needs at least 2 pairs, got ${x.length}`);
}

function fisherInterval(r: number, se: number, alpha: number): Interval {
  const z = normalQuantile(1 - alpha / 2, 0, 1);
  // atanh(±1) = ±∞ and tanh(±∞) = ±1: a perfect correlation gets the degenerate interval [r, r].
  const c = Math.atanh(Math.max(-1, Math.min(1, r)));
  return { lower: Math.tanh(c - z * se), upper: Math.tanh(c + z * se) };
}

/**
 * Kendall's τ-b (ties in either variable corrected as scipy's `kendalltau`, variant 'b'):
 * (C − D) / √((P − Tₓ)(P − T_y)) over the P = n(n − 1)/2 pairs, with C concordant, D discordant, Tₓ and T_y pairs
 * tied in x or y. Interval: Fisher z with se = √(0.437 / (n − 4)) (Fieller, Hartley & Pearson 1957), for n ≥ 5.
 * O(n²): meant for model counts (hundreds), not images. NaN when x or y is constant (as scipy).
 */
export function kendallTau(x: ArrayLike<number>, y: ArrayLike<number>, { alpha = 0.05 }: { alpha?: number } = {}): RankCorrelation {
  checkPairs(x, y);
  checkAlpha(alpha);
  const n = x.length;
  let s = 0;
  let tiesX = 0;
  let tiesY = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    const yi = y[i]!;
    if (!Number.isFinite(xi) || !Number.isFinite(yi)) throw new RangeError(`pair ${i} must be finite numbers, got (${xi}, ${yi})`);
    for (let j = i + 1; j < n; j++) {
      const dx = Math.sign(x[j]! - xi);
      const dy = Math.sign(y[j]! - yi);
      if (dx === 0) tiesX++;
      if (dy === 0) tiesY++;
      s += dx * dy;
    }
  }
  const pairs = (n * (n - 1)) / 2;
  const denom = Math.sqrt((pairs - tiesX) * (pairs - tiesY));
  const estimate = denom === 0 ? Number.NaN : Math.max(-1, Math.min(1, s / denom));
  const se = n >= 5 ? Math.sqrt(0.437 / (n - 4)) : undefined;
  return { estimate, n, se, ci: se === undefined || Number.isNaN(estimate) ? undefined : fisherInterval(estimate, se, alpha) };
}

/**
 * Spearman's ρ: Pearson's r of the average ranks (scipy's `spearmanr`). Interval: Fisher z with
 * se = √((1 + ρ²/2) / (n − 3)) (Bonett & Wright 2000), for n ≥ 4. NaN when x or y is constant.
 */
export function spearmanRho(x: ArrayLike<number>, y: ArrayLike<number>, { alpha = 0.05 }: { alpha?: number } = {}): RankCorrelation {
  checkPairs(x, y);
  checkAlpha(alpha);
  const rx = averageRanks(x);
  const ry = averageRanks(y);
  const n = x.length;
  const m = (n + 1) / 2;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const a = rx[i]! - m;
    const b = ry[i]! - m;
    sxx += a * a;
    syy += b * b;
    sxy += a * b;
  }
  const estimate = sxx === 0 || syy === 0 ? Number.NaN : Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
  const se = n >= 4 ? Math.sqrt((1 + (estimate * estimate) / 2) / (n - 3)) : undefined;
  return { estimate, n, se, ci: se === undefined || Number.isNaN(estimate) ? undefined : fisherInterval(estimate, se, alpha) };
}
