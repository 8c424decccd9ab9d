/**
 * Writes the positions of the k largest of `values[offset, offset+width)` into `out[outOffset..]`, largest first;
 * equal values rank by lower position (a stable sort, numpy's `argsort(-x, kind='stable')`). Returns -1, or the
 * position of the first value that is NaN or ±Infinity (nothing useful is written then). When k > width, the
 * remaining slots are left untouched.
 *
 * @example topKOfRow(new Float32Array([0.1, 0.7, 0.7, 0.2]), 0, 4, 2, out, 0) // out → [1, 2], returns -1
 */
export function topKOfRow(
  values: Float32Array | Float64Array,
  offset: number,
  width: number,
  k: number,
  out: Int32Array,
  outOffset: number,
  scratch: Float64Array,
): number {
  let count = 0;
  const keep = Math.min(k, width);
  for (let j = 0; j < width; j++) {
    const v = values[offset + j]!;
    if (v - v !== 0) return j; // NaN and ±Infinity are the only values for which v − v ≠ 0
    if (count === keep && !(v > scratch[keep - 1]!)) continue;
    // Insert after every kept value ≥ v: ties keep the lower position first.
    let p = count < keep ? count++ : keep - 1;
    while (p > 0 && scratch[p - 1]! < v) {
      scratch[p] = scratch[p - 1]!;
      out[outOffset + p] = out[outOffset + p - 1]!;
      p--;
    }
    scratch[p] = v;
    out[outOffset + p] = j;
  }
  return -1;
}
