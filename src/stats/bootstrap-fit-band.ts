import { checkAlpha, checkInteger } from './checks.js';
import { fitPrepared, type LinearFit } from './fit-transformed.js';
import type { Interval } from './interval.js';
import { orderStatisticPairs } from './order-statistics.js';
import { quantilePosition } from './quantile-sorted.js';
import { fillInts, type Rng } from './rng.js';
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
 * Cost: O(resamples · (n + grid)) arithmetic; g is applied once per model up front, each resample's n
 * indices come from one bulk `fillInts` call, and each grid point's two percentiles cost about one
 * pass over the `resamples` values ({@link orderStatisticPairs}) rather than a sort. Results are the
 * same, bit for bit, as drawing with `rng.int(n)` one at a time and sorting each column.
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
  const intercepts = new Float64Array(resamples);
  const redrawn = resampleLines(cx, cy, options.rng, slopes, intercepts);

  // Predicted g(y) at each grid x; percentiles are taken on that scale and the two neighbouring
  // order statistics are mapped back through g⁻¹ before interpolating. g⁻¹ is increasing, so this is
  // exactly the type-7 percentile of the predicted accuracies themselves.
  const grid = Float64Array.from(options.grid);
  const gGrid = transformValues(grid, { ...options, names: [...grid].map((_, j) => `grid point ${j}`) }, 'x');
  const { inverse } = getTransform(options.transform);
  const lower = new Float64Array(grid.length);
  const upper = new Float64Array(grid.length);
  const column = new Float64Array(resamples);
  const scratch = new Float64Array(resamples);
  const levels = [alpha / 2, 1 - alpha / 2] as const;
  // my + intercept once per resample: the same doubles as summing left to right in the grid loop.
  const base = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) base[r] = my + intercepts[r]!;
  for (let j = 0; j < grid.length; j++) {
    predictAll(column, base, slopes, gGrid[j]! - mx);
    // Selection instead of a sort: the band needs only the order statistics around α/2 and 1 − α/2.
    const band = percentiles(column, levels, scratch, inverse);
    lower[j] = band[0];
    upper[j] = band[1];
  }

  // Intercept on the uncentred scale: g(y) = slope · g(x) + (my + b − slope · mx).
  for (let r = 0; r < resamples; r++) intercepts[r] = my + intercepts[r]! - slopes[r]! * mx;
  const slope = percentiles(slopes, levels, scratch);
  const intercept = percentiles(intercepts, levels, scratch);
  return {
    fit,
    grid,
    lower,
    upper,
    slope: { lower: slope[0], upper: slope[1] },
    intercept: { lower: intercept[0], upper: intercept[1] },
    resamples,
    redrawn,
  };
}

// The hot loops live in small functions of their own: V8 then optimises each once and keeps it, where
// one long function got re-optimised (and ran unoptimised, boxing doubles) after every phase change.

/**
 * OLS of cy on cx (centred data) for `slopes.length` bootstrap resamples of the n points, into `slopes`
 * and `intercepts` (on the centred scale: g(y) − my = slope·(g(x) − mx) + intercept). A resample whose
 * points all share one x is redrawn; returns how many were. Each resample's indices are n draws of
 * rng.int(n), in order. (Output arrays rather than a returned object: V8 compiles this loop on its first
 * call, before the code after it has run, and an object literal there threw that code away every call.)
 */
function resampleLines(cx: Float64Array, cy: Float64Array, rng: Rng, slopes: Float64Array, intercepts: Float64Array): number {
  const n = cx.length;
  const resamples = slopes.length;
  const drawn = new Uint32Array(n);
  let redrawn = 0;
  for (let r = 0; r < resamples; r++) {
    fillInts(rng, drawn, n);
    // The first draw seeds the sums and is the reference for spotting a degenerate (all-same-x) resample.
    const first = drawn[0]!;
    const x0 = cx[first]!;
    let sx = x0, sy = cy[first]!, sxx = x0 * x0, sxy = x0 * sy;
    let varied = false;
    for (let k = 1; k < n; k++) {
      const i = drawn[k]!;
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
  return redrawn;
}

/** out[r] = base[r] + slopes[r]·d: every resample's prediction at one grid point (centred x = d). */
function predictAll(out: Float64Array, base: Float64Array, slopes: Float64Array, d: number): void {
  for (let r = 0; r < out.length; r++) out[r] = base[r]! + slopes[r]! * d;
}

/**
 * Type-7 percentiles of `values` at the two `levels`, each mapped through the increasing `map` before
 * interpolating between its two order statistics (so it is the percentile of the mapped values).
 * The same numbers as `quantileSorted` on the sorted values when `map` is the identity.
 * May reorder `values`.
 */
function percentiles(values: Float64Array, levels: readonly [number, number], scratch: Float64Array, map = (v: number): number => v): [number, number] {
  const lo = quantilePosition(values.length, levels[0]);
  const hi = quantilePosition(values.length, levels[1]);
  const [[lo0, lo1], [hi0, hi1]] = orderStatisticPairs(values, [lo.lo, hi.lo], scratch) as [[number, number], [number, number]];
  return [interpolate(map(lo0), map(lo1), lo.frac), interpolate(map(hi0), map(hi1), hi.frac)];
}

/** a + frac·(b − a), written as quantileSorted does so the doubles agree; b is unused at frac 0. */
function interpolate(a: number, b: number, frac: number): number {
  return frac === 0 ? a : a + frac * (b - a);
}
