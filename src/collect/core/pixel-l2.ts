/** The near-duplicate copies are 256×256 RGB, as in ImageNetV2's `l2` metric (196,608 values). */
export const L2_SIZE = 256;
export const L2_VALUES = L2_SIZE * L2_SIZE * 3;

/**
 * Squared L2 distance between two equally long pixel arrays (ImageNetV2's `l2` metric is this on 256×256×3 uint8
 * copies; its review target was 1.2e8). Exact: the largest possible sum, 196,608 × 255², is far below 2^53.
 */
export function squaredL2(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`pixel arrays differ in length: ${a.length} vs ${b.length}`);
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    s += d * d;
  }
  return s;
}

/** Root-mean-square difference per value (0..255): the same distance on a scale people can read. */
export function rmsDifference(squared: number, values = L2_VALUES): number {
  return Math.sqrt(squared / values);
}
