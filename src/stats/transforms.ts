import { normalCdf, normalQuantile } from './stdlib-normal.js';

/** A monotone link g between accuracy (a fraction) and the scale on which the fit is linear. */
export interface Transform {
  /** g(p). */
  readonly forward: (p: number) => number;
  /** g⁻¹(z). */
  readonly inverse: (z: number) => number;
  /** Whether g is only finite on the open interval (0, 1), so 0 and 1 need clipping. */
  readonly openUnit: boolean;
}

/**
 * Transforms for fits across models, by name. Probit is the scale of "accuracy on the line"
 * (Recht et al. 2019, Miller et al. 2021); logit is the common alternative; linear is no transform.
 */
export const TRANSFORMS = {
  linear: { forward: (p: number) => p, inverse: (z: number) => z, openUnit: false },
  probit: { forward: (p: number) => normalQuantile(p, 0, 1), inverse: (z: number) => normalCdf(z, 0, 1), openUnit: true },
  // log(p) − log1p(−p) keeps precision near p = 1 where p/(1 − p) would not; 1/(1 + e^−z) is 0 or 1 at ±∞.
  logit: { forward: (p: number) => Math.log(p) - Math.log1p(-p), inverse: (z: number) => 1 / (1 + Math.exp(-z)), openUnit: true },
} as const satisfies Record<string, Transform>;

/** Name of a fit transform: `'linear'`, `'probit'` or `'logit'`. */
export type TransformName = keyof typeof TRANSFORMS;

/** How to map values onto the transformed scale. */
export interface TransformOptions {
  readonly transform: TransformName;
  /**
   * For probit/logit: clamp values into [clip, 1 − clip] first, so accuracies of exactly 0 or 1 are
   * usable. Without it such values throw. Must be in (0, 0.5). Ignored by `linear`.
   */
  readonly clip?: number;
  /** Model names for error messages (by index); default "model <index>". */
  readonly names?: readonly string[];
}

/** Looks up a transform by name, throwing RangeError for an unknown one. */
export function getTransform(name: TransformName): Transform {
  if (!Object.hasOwn(TRANSFORMS, name)) {
    throw new RangeError(`unknown transform ${JSON.stringify(name)}; expected one of ${Object.keys(TRANSFORMS).join(', ')}`);
  }
  return TRANSFORMS[name];
}

/** Checks `clip` and returns it, or undefined when clipping does not apply. */
export function effectiveClip(options: TransformOptions): number | undefined {
  const { clip } = options;
  if (clip === undefined) return undefined;
  if (!(clip > 0 && clip < 0.5)) throw new RangeError(`clip must be strictly between 0 and 0.5, got ${clip}`);
  return getTransform(options.transform).openUnit ? clip : undefined;
}

/**
 * g(v) for each value, as a new Float64Array. Values must be finite; under probit/logit they must be
 * fractions in [0, 1] (callers convert percentages), and 0 or 1 throw a RangeError naming the model
 * unless `clip` is given. `what` names the quantity in messages (e.g. "accuracy on x").
 */
export function transformValues(values: ArrayLike<number>, options: TransformOptions, what = 'accuracy'): Float64Array {
  const t = getTransform(options.transform);
  const clip = effectiveClip(options);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const label = options.names?.[i] ?? `model ${i}`;
    if (!Number.isFinite(v)) throw new RangeError(`${label}: ${what} must be a finite number, got ${v}`);
    if (t.openUnit) {
      if (v < 0 || v > 1) {
        throw new RangeError(`${label}: ${what} ${v} is outside [0, 1]; the ${options.transform} fit takes fractions, not percentages`);
      }
      if (clip === undefined && (v === 0 || v === 1)) {
        throw new RangeError(`${label}: ${what} is exactly ${v}, where the ${options.transform} transform is infinite; pass clip (e.g. 1e-4) to clamp into [clip, 1 − clip]`);
      }
    }
    out[i] = t.forward(clip === undefined ? v : Math.min(Math.max(v, clip), 1 - clip));
  }
  return out;
}
