import type { LinearFit } from './fit-transformed.js';
import { getTransform, transformValues } from './transforms.js';

/**
 * Effective robustness of each model (Taori et al. 2020): its y accuracy minus the y the fit predicts
 * from its x accuracy, y − g⁻¹(slope · g(x) + intercept), on the accuracy scale. x values are checked
 * and clipped like the fit's data (0 or 1 under probit/logit throws unless the fit was clipped);
 * y is used as given (it is not transformed). `names` label models in error messages.
 */
export function effectiveRobustness(fit: LinearFit, x: ArrayLike<number>, y: ArrayLike<number>, names?: readonly string[]): Float64Array {
  if (x.length !== y.length) throw new RangeError(`x and y must have the same length, got ${x.length} and ${y.length}`);
  const gx = transformValues(x, { transform: fit.transform, clip: fit.clip, names }, 'accuracy on x');
  const { inverse } = getTransform(fit.transform);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const yi = y[i]!;
    if (!Number.isFinite(yi)) throw new RangeError(`${names?.[i] ?? `model ${i}`}: accuracy on y must be a finite number, got ${yi}`);
    out[i] = yi - inverse(fit.slope * gx[i]! + fit.intercept);
  }
  return out;
}
