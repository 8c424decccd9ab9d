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
