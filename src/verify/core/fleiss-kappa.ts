import type { CountTable } from './count-table.js';

export interface AgreementValue {
  /** The coefficient; NaN when it is undefined (fewer than two raters anywhere, or no variation at all). */
  readonly value: number;
  /** Units that entered (those with ≥ 2 ratings). */
  readonly units: number;
  /** Ratings in those units. */
  readonly ratings: number;
}

/**
 * Fleiss' κ over units with ≥ 2 ratings: P_u = Σ_k n_uk(n_uk − 1) / (n_u(n_u − 1)), P̄ = mean P_u,
 * p_k = Σ_u n_uk / Σ_u n_u, P̄_e = Σ_k p_k², κ = (P̄ − P̄_e) / (1 − P̄_e). With the same number of raters for every unit
 * this is exactly Fleiss (1971); crowd units have slightly unequal n (rejections), so P_u uses each unit's own n_u.
 */
export function fleissKappa(t: CountTable): AgreementValue {
  const K = t.categories;
  const totals = new Float64Array(K);
  let pSum = 0;
  let units = 0;
  let ratings = 0;
  for (let u = 0; u < t.units; u++) {
    const w = t.weights ? t.weights[u]! : 1;
    let n = 0;
    let agree = 0;
    for (let k = 0; k < K; k++) {
      const c = t.counts[u * K + k]!;
      n += c;
      agree += c * (c - 1);
    }
    if (n < 2 || w === 0) continue;
    units += w;
    ratings += w * n;
    pSum += (w * agree) / (n * (n - 1));
    for (let k = 0; k < K; k++) totals[k]! += w * t.counts[u * K + k]!;
  }
  if (units === 0) return { value: Number.NaN, units, ratings };
  let pe = 0;
  for (let k = 0; k < K; k++) pe += (totals[k]! / ratings) ** 2;
  const pBar = pSum / units;
  return { value: pe === 1 ? Number.NaN : (pBar - pe) / (1 - pe), units, ratings };
}
