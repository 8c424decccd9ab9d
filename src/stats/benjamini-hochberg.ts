/**
 * Benjamini–Hochberg adjusted p-values (q-values), in the input order: with p sorted ascending,
 * adj₍ᵢ₎ = min_{j ≥ i} min(1, m · p₍ⱼ₎ / j). Rejecting where adj ≤ q controls the false discovery rate at q for
 * independent or positively dependent tests. The same numbers as scipy's `false_discovery_control(p, method='bh')`
 * and statsmodels' `multipletests(p, method='fdr_bh')`.
 *
 * @example benjaminiHochberg([0.01, 0.04, 0.03]) // → [0.03, 0.04, 0.04]
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  for (const [i, p] of pValues.entries()) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`p-value ${i} must be in [0, 1], got ${p}`);
  }
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p || a.i - b.i);
  const adjusted = new Array<number>(m);
  let running = 1;
  for (let j = m - 1; j >= 0; j--) {
    const { p, i } = order[j]!;
    running = Math.min(running, (m * p) / (j + 1));
    adjusted[i] = Math.min(1, running);
  }
  return adjusted;
}
