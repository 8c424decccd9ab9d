import { checkAlpha, checkInteger } from './checks.js';
import { fitPrepared, type LinearFit } from './fit-transformed.js';
import type { Interval } from './interval.js';
import { orderStatisticPair } from './order-statistics.js';
import { quantilePosition, quantileSorted } from './quantile-sorted.js';
import type { Rng } from './rng.js';
import { effectiveClip, getTransform, transformValues, type TransformOptions } from './transforms.js';

/** Options for {@link bootstrapFitBand}. */
export interface FitBandOptions extends TransformOptions {
  readonly rng: Rng;
  /** x values (accuracy scale) at which to report the band; clipped like the data. */
  readonly grid: ArrayLike<number>;
  /** Number of bootstrap refits; default 10,000. */
  readonly resamples?: number;
  /** 1 − confidence; default 0.05. */
  readonly alpha?: number;
}

/** A fit with percentile bootstrap uncertainty. */
export interface FitBand {
  /** The fit on all models (the point estimate). */
  readonly fit: LinearFit;
  readonly grid: Float64Array;
  /** Pointwise band of the predicted y at each grid x, on the accuracy scale. */
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly slope: Interval;
  readonly intercept: Interval;
  readonly resamples: number;
  /** Resamples redrawn because every drawn model had the same x (no slope); reported, not hidden. */
  readonly redrawn: number;
}

/**
 * Fit g(y) on g(x) across models with a seeded bootstrap: resample the models with replacement
 * `resamples` times, refit by OLS, and take type-7 percentiles (α/2, 1 − α/2) of the slope, the
 * intercept and the predicted y at every grid x. A resample whose drawn models all share one x has
 * no slope and is redrawn (possible only for tiny n; counted in `redrawn`).
 * Throws like {@link fitTransformed}, and RangeError on a bad grid, resamples or alpha.
 *
 * Cost: O(resamples · (n + grid)) arithmetic plus two quickselects over `resamples` values per grid
 * point; g is applied once per model up front, and the resampling loop allocates nothing.
 */
export function bootstrapFitBand(x: ArrayLike<number>, y: ArrayLike<number>, options: FitBandOptions): FitBand {
  const resamples = options.resamples ?? 10_000;
  const alpha = options.alpha ?? 0.05;
  checkInteger(resamples, 'resamples', 1);
  checkAlpha(alpha);
  if (x.length !== y.length) throw new RangeError(`x and y must have the same length, got ${x.length} and ${y.length}`);
  if (x.length < 2) throw new RangeError(`a fit needs at least 2 models, got ${x.length}`);
  const clip = effectiveClip(options);
  const gx = transformValues(x, options, 'accuracy on x');
  const gy = transformValues(y, options, 'accuracy on y');
  const fit = fitPrepared(gx, gy, options.transform, clip);
  const n = gx.length;

  // Centre on the full-data means once: the one-pass sums below then cancel far less.
  const mx = fit.meanGx;
  let my = 0;
  for (let i = 0; i < n; i++) my += gy[i]!;
  my /= n;
  const cx = new Float64Array(n);
  const cy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    cx[i] = gx[i]! - mx;
    cy[i] = gy[i]! - my;
  }

  // fitPrepared saw a spread in g(x), but centring can merge values that differ by less than an ulp of
  // the mean; without two distinct centred values the redraw loop below could never finish.
  if (cx.every((v) => v === cx[0])) throw new RangeError('the models\' x accuracies are too close to fit a slope');

  const slopes = new Float64Array(resamples);
  const intercepts = new Float64Array(resamples); // on the centred scale: g(y) − my = slope (g(x) − mx) + b
  const { rng } = options;
  let redrawn = 0;
  for (let r = 0; r < resamples; r++) {
    // The first draw seeds the sums and is the reference for spotting a degenerate (all-same-x) resample.
    const first = rng.int(n);
    const x0 = cx[first]!;
    let sx = x0, sy = cy[first]!, sxx = x0 * x0, sxy = x0 * sy;
    let varied = false;
    for (let k = 1; k < n; k++) {
      const i = rng.int(n);
      const xi = cx[i]!;
      const yi = cy[i]!;
      if (xi !== x0) varied = true;
      sx += xi; sy += yi; sxx += xi * xi; sxy += xi * yi;
    }
    if (!varied) {
      redrawn++;
      r--;
      continue;
    }
    const slope = (sxy - (sx * sy) / n) / (sxx - (sx * sx) / n);
    slopes[r] = slope;
    intercepts[r] = (sy - slope * sx) / n;
  }

  // Predicted g(y) at each grid x; percentiles are taken on that scale and the two neighbouring
  // order statistics are mapped back through g⁻¹ before interpolating. g⁻¹ is increasing, so this is
  // exactly the type-7 percentile of the predicted accuracies themselves.
  const grid = Float64Array.from(options.grid);
  const gGrid = transformValues(grid, { ...options, names: [...grid].map((_, j) => `grid point ${j}`) }, 'x');
  const { inverse } = getTransform(options.transform);
  const lower = new Float64Array(grid.length);
  const upper = new Float64Array(grid.length);
  const column = new Float64Array(resamples);
  const loPos = quantilePosition(resamples, alpha / 2);
  const hiPos = quantilePosition(resamples, 1 - alpha / 2);
  const pick = (pos: { lo: number; frac: number }): number => {
    const [v0, v1] = orderStatisticPair(column, pos.lo);
    const a = inverse(v0);
    return pos.frac === 0 ? a : a + pos.frac * (inverse(v1) - a);
  };
  for (let j = 0; j < grid.length; j++) {
    const d = gGrid[j]! - mx;
    for (let r = 0; r < resamples; r++) column[r] = my + intercepts[r]! + slopes[r]! * d;
    // Two quickselects instead of a sort: the band needs only the order statistics around α/2 and 1 − α/2.
    lower[j] = pick(loPos);
    upper[j] = pick(hiPos);
  }

  // Intercept on the uncentred scale: g(y) = slope · g(x) + (my + b − slope · mx).
  for (let r = 0; r < resamples; r++) intercepts[r] = my + intercepts[r]! - slopes[r]! * mx;
  slopes.sort();
  intercepts.sort();
  return {
    fit,
    grid,
    lower,
    upper,
    slope: { lower: quantileSorted(slopes, alpha / 2), upper: quantileSorted(slopes, 1 - alpha / 2) },
    intercept: { lower: quantileSorted(intercepts, alpha / 2), upper: quantileSorted(intercepts, 1 - alpha / 2) },
    resamples,
    redrawn,
  };
}
