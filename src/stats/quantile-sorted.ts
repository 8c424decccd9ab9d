/**
 * The q-quantile of ascending `sorted` values with linear interpolation between order statistics
 * (Hyndman–Fan type 7, numpy's default `method='linear'`): h = (m − 1)q, value = s[⌊h⌋] + (h − ⌊h⌋)(s[⌊h⌋+1] − s[⌊h⌋]).
 * `sorted` must be non-empty and sorted; q in [0, 1].
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const { lo, hi, frac } = quantilePosition(sorted.length, q);
  const a = sorted[lo]!;
  return frac === 0 ? a : a + frac * (sorted[hi]! - a);
}

/** Where the type-7 q-quantile of `count` sorted values falls: between indices `lo` and `hi` at `frac`. */
export function quantilePosition(count: number, q: number): { lo: number; hi: number; frac: number } {
  if (count < 1) throw new RangeError('quantile of an empty sample');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile level must be in [0, 1], got ${q}`);
  const h = (count - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, count - 1);
  return { lo, hi, frac: h - lo };
}
