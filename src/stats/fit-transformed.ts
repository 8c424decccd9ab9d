import { effectiveClip, getTransform, transformValues, type TransformName, type TransformOptions } from './transforms.js';

/** An ordinary least-squares line g(y) = slope · g(x) + intercept, fitted across models. */
export interface LinearFit {
  readonly transform: TransformName;
  /** The clip applied before transforming (probit/logit only), if any. */
  readonly clip: number | undefined;
  readonly slope: number;
  readonly intercept: number;
  /** Coefficient of determination on the transformed scale (squared Pearson r; 0 if g(y) is constant, as scipy). */
  readonly r2: number;
  /** √(SSR / (n − 2)) on the transformed scale; NaN when n = 2. */
  readonly residualSe: number;
  /** Number of models. */
  readonly n: number;
  /** Mean of g(x), used by callers that want centred predictions. */
  readonly meanGx: number;
  /** The fitted y at x, back on the accuracy scale: g⁻¹(slope · g(x) + intercept). x is clipped like the data. */
  predict(x: number): number;
}

/**
 * Fits g(y) on g(x) by OLS across models (x: e.g. in-distribution accuracy, y: shifted accuracy),
 * the "accuracy on the line" fit. Inputs are fractions. Throws RangeError on fewer than 2 models,
 * mismatched lengths, values outside the transform's domain (see {@link transformValues}), or when
 * all g(x) are equal (no slope).
 *
 * @example
 * const fit = fitTransformed([0.7, 0.8, 0.9], [0.55, 0.68, 0.81], { transform: 'probit' });
 * fit.predict(0.85) // → fitted shifted accuracy for a model at 85%
 */
export function fitTransformed(x: ArrayLike<number>, y: ArrayLike<number>, options: TransformOptions): LinearFit {
  if (x.length !== y.length) throw new RangeError(`x and y must have the same length, got ${x.length} and ${y.length}`);
  if (x.length < 2) throw new RangeError(`a fit needs at least 2 models, got ${x.length}`);
  const gx = transformValues(x, options, 'accuracy on x');
  const gy = transformValues(y, options, 'accuracy on y');
  return fitPrepared(gx, gy, options.transform, effectiveClip(options));
}

/** OLS on already-transformed data (two-pass, centred sums for accuracy). */
export function fitPrepared(gx: Float64Array, gy: Float64Array, transform: TransformName, clip: number | undefined): LinearFit {
  const n = gx.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += gx[i]!;
    my += gy[i]!;
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = gx[i]! - mx;
    const dy = gy[i]! - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (!(sxx > 0)) throw new RangeError('all models have the same x accuracy (after transform), so the fit has no slope');
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let ssr = 0;
  for (let i = 0; i < n; i++) {
    const r = gy[i]! - my - slope * (gx[i]! - mx);
    ssr += r * r;
  }
  const r2 = syy === 0 ? 0 : Math.min(1, (sxy / sxx) * (sxy / syy));
  return makeFit(transform, clip, slope, intercept, r2, n > 2 ? Math.sqrt(ssr / (n - 2)) : Number.NaN, n, mx);
}

/** Builds a {@link LinearFit} from its coefficients. */
function makeFit(
  transform: TransformName, clip: number | undefined, slope: number, intercept: number,
  r2: number, residualSe: number, n: number, meanGx: number,
): LinearFit {
  const t = getTransform(transform);
  const predict = (x: number): number => {
    const v = clip === undefined ? x : Math.min(Math.max(x, clip), 1 - clip);
    return t.inverse(slope * t.forward(v) + intercept);
  };
  return { transform, clip, slope, intercept, r2, residualSe, n, meanGx, predict };
}
