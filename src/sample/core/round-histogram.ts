/**
 * Scales integer bin counts to `k` units with largest-remainder rounding, as ImageNetV2's `round_histogram(h, k)`:
 * each bin gets floor(k·h/Σh), then the remaining units go one each to the bins with the largest fractional parts;
 * ties go to the higher bin index. Fractions are compared as integers (k·h mod Σh), so no floating-point tie is lost.
 *
 * @example roundHistogram([1, 1, 1, 1, 0], 10) // → [2, 2, 3, 3, 0]: four 2.5s, the two higher bins win the ties
 */
export function roundHistogram(counts: readonly number[], k: number): number[] {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be a non-negative integer, got ${k}`);
  for (const c of counts) if (!Number.isInteger(c) || c < 0) throw new RangeError(`bin counts must be non-negative integers, got ${c}`);
  const total = counts.reduce((s, c) => s + c, 0);
  if (total === 0) throw new RangeError('cannot scale an empty histogram');
  const out = counts.map((c) => Math.floor((k * c) / total));
  let remaining = k - out.reduce((s, c) => s + c, 0);
  const order = counts.map((c, b) => ({ b, rem: (k * c) % total })).sort((x, y) => y.rem - x.rem || y.b - x.b);
  for (const { b } of order) {
    if (remaining === 0) break;
    out[b]!++;
    remaining--;
  }
  return out;
}
