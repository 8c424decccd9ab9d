/**
 * The k-th and (k+1)-th smallest values of `a` (0-based k; the second equals the first when k is the
 * last index), found by quickselect in expected O(length) time instead of a full sort. Reorders `a`
 * in place. This is what a type-7 percentile needs: the two order statistics it interpolates between.
 * NaN-free input is assumed.
 */
export function orderStatisticPair(a: Float64Array, k: number): [number, number] {
  const last = a.length - 1;
  if (!(Number.isInteger(k) && k >= 0 && k <= last)) throw new RangeError(`order statistic ${k} out of range 0..${last}`);
  let left = 0;
  let right = last;
  // Hoare partitioning around a median-of-three pivot; equal keys stop both scans, so runs of ties
  // (common: bootstrap statistics of counts) still split evenly.
  while (right > left) {
    const x = a[left]!, y = a[(left + right) >>> 1]!, z = a[right]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : (x < z ? x : y < z ? z : y);
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break; // a[k] lies in the middle run, all equal to the pivot
  }
  const v = a[k]!;
  if (k === last) return [v, v];
  // Everything after index k is ≥ a[k] now, so the next order statistic is their minimum.
  let next = Infinity;
  for (let i = k + 1; i <= last; i++) if (a[i]! < next) next = a[i]!;
  return [v, next];
}

/** Sample size for {@link orderStatisticPairs}' brackets; arrays under 8× this go straight to quickselect. */
const SAMPLE = 256;

/**
 * {@link orderStatisticPair} for one or two k over a large array, with the same values, in about one
 * pass over `a` instead of a partitioning quickselect per k. An evenly strided sample of 512 values is
 * sorted; for each k, two sample order statistics bracket the k-th value with high probability (±4
 * binomial SDs); one pass counts the values below each bracket and copies those inside it to `scratch`,
 * where a quickselect over a few hundred values finishes. A bracket that misses (rare; it depends only
 * on the data, so it is deterministic) falls back to quickselect on `a`, which then reorders `a`;
 * otherwise `a` is left as it was. Pass a `scratch` of at least `a.length` to reuse it across calls.
 * NaN-free input is assumed.
 *
 * Why: a bootstrap percentile band needs 2 percentiles of 10,000 values at each of 100 grid points, and
 * partitioning the whole array per percentile dominated that.
 */
export function orderStatisticPairs(a: Float64Array, ks: readonly number[], scratch?: Float64Array): Array<[number, number]> {
  const len = a.length;
  for (const k of ks) {
    if (!(Number.isInteger(k) && k >= 0 && k < len)) throw new RangeError(`order statistic ${k} out of range 0..${len - 1}`);
  }
  if (len < 8 * SAMPLE || ks.length === 0 || ks.length > 2) return ks.map((k) => orderStatisticPair(a, k));
  const buffer = scratch !== undefined && scratch.length >= len ? scratch : new Float64Array(len);
  const sample = new Float64Array(SAMPLE);
  for (let i = 0; i < SAMPLE; i++) sample[i] = a[Math.floor(((i + 0.5) * len) / SAMPLE)]!;
  sample.sort();
  const brackets = ks.map((k) => bracket(sample, k, len)).sort((x, y) => x.low - y.low);
  let p = brackets[0]!;
  let q = brackets[brackets.length - 1]!;
  // Overlapping brackets (or one k) merge into one; disjoint ones share a pass, the lower one filling the
  // buffer from the front and the upper one from the back.
  if (!(p.high < q.low)) p = q = { low: p.low, high: Math.max(p.high, q.high) };
  const pLow = p.low, pHigh = p.high, qLow = q.low, qHigh = q.high;
  let belowP = 0, insideP = 0, aboveQ = 0, insideQ = 0;
  for (let i = 0; i < len; i++) {
    const v = a[i]!;
    if (v > pHigh && v < qLow) continue; // most values: one test pair, well predicted
    if (v < pLow) belowP++;
    else if (v <= pHigh) buffer[insideP++] = v;
    else if (v > qHigh) aboveQ++;
    else buffer[len - 1 - insideQ++] = v;
  }
  const lowerPart = buffer.subarray(0, insideP);
  const upperPart = p === q ? lowerPart : buffer.subarray(len - insideQ);
  const belowQ = p === q ? belowP : len - insideQ - aboveQ;
  return ks.map((k) => {
    const [part, below] = k < belowQ ? [lowerPart, belowP] : [upperPart, belowQ];
    // The bracket must hold the k-th value and, unless k is the last index, the (k+1)-th.
    if (below <= k && below + part.length - 1 >= Math.min(k + 1, len - 1)) return orderStatisticPair(part, k - below);
    return orderStatisticPair(a, k);
  });
}

interface Bracket { readonly low: number; readonly high: number }

/** Values from the sorted `sample` (of an array of `len`) that bracket its k-th order statistic. */
function bracket(sample: Float64Array, k: number, len: number): Bracket {
  const m = sample.length;
  // About (k + 1)·m/len sample values are ≤ the k-th order statistic, give or take a binomial spread.
  const p = (k + 1) / len;
  const centre = p * m;
  const spread = 4 * Math.sqrt(m * p * (1 - p)) + 2;
  const iLo = Math.floor(centre - spread);
  const iHi = Math.ceil(centre + spread);
  return { low: iLo < 0 ? -Infinity : sample[iLo]!, high: iHi >= m ? Infinity : sample[iHi]! };
}
