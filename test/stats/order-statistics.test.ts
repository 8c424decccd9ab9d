import { describe, expect, it } from 'vitest';
import { orderStatisticPair, orderStatisticPairs } from '../../src/stats/order-statistics.js';
import { seededRng } from '../../src/stats/rng.js';

/** The k-th and (k+1)-th smallest by sorting: the reference. */
function bySorting(a: Float64Array, k: number, sorted = a.slice().sort()): [number, number] {
  return [sorted[k]!, sorted[Math.min(k + 1, sorted.length - 1)]!];
}

describe('orderStatisticPairs', () => {
  const rng = seededRng(17);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());

  it('agrees with sorting on large arrays (the sampled-bracket path), and leaves them as they were', () => {
    for (const len of [4096, 10_000, 12_345]) {
      const a = Float64Array.from({ length: len }, normal);
      const before = a.slice();
      const sorted = a.slice().sort();
      const lo = Math.floor((len - 1) * 0.025), hi = Math.floor((len - 1) * 0.975);
      for (const ks of [[lo, hi], [hi, lo], [0, len - 1], [len >> 1], [len - 2, len - 1], [lo, lo], [100, 130]]) {
        expect(orderStatisticPairs(a, ks, new Float64Array(len))).toEqual(ks.map((k) => bySorting(before, k, sorted)));
        expect(a).toEqual(before);
      }
    }
  });

  it('agrees with sorting with heavy ties and without a scratch buffer', () => {
    for (const levels of [1, 2, 5, 40]) {
      const a = Float64Array.from({ length: 10_000 }, () => rng.int(levels) / 8);
      const ks = [249, 9749];
      expect(orderStatisticPairs(a, ks)).toEqual(ks.map((k) => bySorting(a, k)));
    }
  });

  it('falls back to quickselect, with the same values, when the strided sample misleads the bracket', () => {
    // Every sampled position holds a huge value, so the brackets around the 2.5% and 97.5% points miss.
    const len = 10_000, sampled = new Set<number>();
    for (let i = 0; i < 256; i++) sampled.add(Math.floor(((i + 0.5) * len) / 256));
    const a = Float64Array.from({ length: len }, (_, i) => (sampled.has(i) ? 1e6 + i : rng.next()));
    const ref = a.slice();
    expect(orderStatisticPairs(a, [249, 9749])).toEqual([bySorting(ref, 249), bySorting(ref, 9749)]);
  });

  it('matches orderStatisticPair on small arrays and rejects bad k', () => {
    const a = Float64Array.from({ length: 50 }, normal);
    expect(orderStatisticPairs(a.slice(), [3, 47])).toEqual([orderStatisticPair(a.slice(), 3), orderStatisticPair(a.slice(), 47)]);
    expect(() => orderStatisticPairs(new Float64Array(5000), [5000])).toThrow(RangeError);
    expect(() => orderStatisticPairs(new Float64Array(5000), [1.5])).toThrow(RangeError);
  });
});
