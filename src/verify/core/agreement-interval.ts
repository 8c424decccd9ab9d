import type { Interval, Rng } from '../../stats/index.js';
import { binomialSampler, quantileSorted } from '../../stats/index.js';
import type { CountTable } from './count-table.js';
import type { AgreementValue } from './fleiss-kappa.js';

/**
 * Percentile bootstrap interval for an agreement coefficient, resampling units (images) with replacement. Units are
 * the independent draws in a crowd study (raters differ from unit to unit), so they are what gets resampled.
 * Resamples whose coefficient is undefined are skipped; undefined when fewer than half of them are defined.
 */
export function agreementInterval(
  t: CountTable,
  coefficient: (t: CountTable) => AgreementValue,
  rng: Rng,
  options: { resamples?: number; alpha?: number } = {},
): Interval | undefined {
  return agreementIntervals(t, [coefficient], rng, options)[0];
}

/**
 * {@link agreementInterval} for several coefficients over the same resamples. A coefficient of nominal counts depends
 * only on how many units have each row of counts, and crowd units share few rows (n ≈ 10 ratings, two categories), so
 * a resample is drawn as multinomial counts of the distinct rows (conditional binomials, exact by inversion) and each
 * coefficient reads the distinct rows with those counts as weights: the same distribution as drawing units one by one,
 * at a cost that does not grow with the number of units (1.5 million images took minutes unit by unit).
 */
export function agreementIntervals(
  t: CountTable,
  coefficients: ReadonlyArray<(t: CountTable) => AgreementValue>,
  rng: Rng,
  { resamples = 1000, alpha = 0.05 }: { resamples?: number; alpha?: number } = {},
): Array<Interval | undefined> {
  if (t.units === 0) return coefficients.map(() => undefined);
  const { rows, multiplicity } = distinctRows(t);
  const draw = multinomialDraw(t.units, multiplicity);
  const weights = new Float64Array(multiplicity.length);
  const resampled: CountTable = { ...rows, weights };
  const values = coefficients.map(() => [] as number[]);
  for (let b = 0; b < resamples; b++) {
    draw(rng, weights);
    coefficients.forEach((coefficient, c) => {
      const v = coefficient(resampled).value;
      if (!Number.isNaN(v)) values[c]!.push(v);
    });
  }
  return values.map((vs) => {
    if (vs.length < resamples / 2) return undefined;
    vs.sort((x, y) => x - y);
    return { lower: quantileSorted(vs, alpha / 2), upper: quantileSorted(vs, 1 - alpha / 2) };
  });
}

/** The table's distinct rows of counts (most frequent first), and how many units have each. */
function distinctRows(t: CountTable): { rows: CountTable; multiplicity: Float64Array } {
  const K = t.categories;
  const index = new Map<string | number, number>();
  const first: number[] = [];
  const count: number[] = [];
  // Two categories of small counts make a numeric key; anything else a text one.
  const numeric = K <= 2 && t.counts.every((c) => Number.isInteger(c) && c >= 0 && c < 2 ** 26);
  for (let u = 0; u < t.units; u++) {
    const key = numeric ? (K === 2 ? t.counts[2 * u]! * 2 ** 26 + t.counts[2 * u + 1]! : t.counts[u]!) : t.counts.subarray(u * K, u * K + K).join(',');
    const i = index.get(key);
    if (i === undefined) {
      index.set(key, first.length);
      first.push(u);
      count.push(1);
    } else count[i]!++;
  }
  const order = first.map((_, i) => i).sort((a, b) => count[b]! - count[a]! || first[a]! - first[b]!);
  const counts = new Float64Array(order.length * K);
  order.forEach((i, r) => counts.set(t.counts.subarray(first[i]! * K, first[i]! * K + K), r * K));
  return { rows: { units: order.length, categories: K, counts }, multiplicity: Float64Array.from(order, (i) => count[i]!) };
}

/**
 * Draws Multinomial(n; multiplicity / n) into `out`: category i gets Binomial(units left, its share of what is left).
 * Samplers are kept per (category, units left); units left stay within a few standard deviations of their mean.
 */
function multinomialDraw(n: number, multiplicity: Float64Array): (rng: Rng, out: Float64Array) => void {
  const m = multiplicity.length;
  const share = new Float64Array(m);
  let rest = n;
  for (let i = 0; i < m; i++) {
    share[i] = rest === 0 ? 0 : multiplicity[i]! / rest;
    rest -= multiplicity[i]!;
  }
  const samplers = Array.from({ length: m }, () => new Map<number, (rng: Rng) => number>());
  return (rng, out) => {
    let left = n;
    for (let i = 0; i < m - 1; i++) {
      let sampler = samplers[i]!.get(left);
      if (sampler === undefined) {
        if (samplers[i]!.size >= 4096) samplers[i]!.clear();
        sampler = binomialSampler(left, Math.min(1, share[i]!));
        samplers[i]!.set(left, sampler);
      }
      out[i] = sampler(rng);
      left -= out[i]!;
    }
    out[m - 1] = left;
  };
}
