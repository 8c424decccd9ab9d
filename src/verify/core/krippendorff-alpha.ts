import type { CountTable } from './count-table.js';
import type { AgreementValue } from './fleiss-kappa.js';

/**
 * Krippendorff's α for nominal data, which allows any number of ratings per unit (missing data). Units with fewer
 * than two ratings are not pairable and are dropped. Coincidences o_ck = Σ_u n_uc (n_uk − [c = k]) / (m_u − 1),
 * n_c = Σ_k o_ck, n = Σ_c n_c, and α = 1 − (n − 1) Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k (Krippendorff 2011, "Computing
 * Krippendorff's Alpha-Reliability"). Nominal data only need each unit's category counts, hence the count table.
 */
export function krippendorffAlpha(t: CountTable): AgreementValue {
  const K = t.categories;
  const o = new Float64Array(K * K);
  let units = 0;
  let ratings = 0;
  for (let u = 0; u < t.units; u++) {
    const w = t.weights ? t.weights[u]! : 1;
    let m = 0;
    for (let k = 0; k < K; k++) m += t.counts[u * K + k]!;
    if (m < 2 || w === 0) continue;
    units += w;
    ratings += w * m;
    for (let c = 0; c < K; c++) {
      const nc = t.counts[u * K + c]!;
      if (nc === 0) continue;
      for (let k = 0; k < K; k++) o[c * K + k]! += (w * nc * (t.counts[u * K + k]! - (c === k ? 1 : 0))) / (m - 1);
    }
  }
  const nc = new Float64Array(K);
  let n = 0;
  for (let c = 0; c < K; c++) {
    for (let k = 0; k < K; k++) nc[c]! += o[c * K + k]!;
    n += nc[c]!;
  }
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < K; c++) {
    for (let k = 0; k < K; k++) {
      if (c === k) continue;
      observed += o[c * K + k]!;
      expected += nc[c]! * nc[k]!;
    }
  }
  if (units === 0 || expected === 0) return { value: Number.NaN, units, ratings };
  return { value: 1 - ((n - 1) * observed) / expected, units, ratings };
}
