import type { Rng } from './rng.js';

/**
 * A draw from the Laplace distribution with mean 0 and scale b (density e^{−|x|/b} / 2b), as the
 * difference of two exponentials: b·(E₁ − E₂), Eᵢ = −ln(1 − Uᵢ). Uᵢ ∈ [0, 1) keeps every log finite,
 * which the one-draw inverse-CDF form (a log of 0 at U = 0) does not. Uses two `rng.next()` calls.
 */
export function sampleLaplace(rng: Rng, scale: number): number {
  if (!(scale >= 0) || !Number.isFinite(scale)) throw new RangeError(`Laplace scale must be a finite number ≥ 0, got ${scale}`);
  const e1 = -Math.log1p(-rng.next());
  const e2 = -Math.log1p(-rng.next());
  // + 0 turns the −0 of scale 0 times a negative difference into +0.
  return scale * (e1 - e2) + 0;
}
