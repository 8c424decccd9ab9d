import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { topKOfRow } from '../../../src/formats/predictions/top-k-of-row.js';

/** Reference: a stable sort by value, descending (what numpy's argsort(-x, kind='stable') gives). */
function reference(values: readonly number[], k: number): number[] {
  return values.map((v, i) => ({ v, i })).sort((a, b) => b.v - a.v || a.i - b.i).slice(0, k).map((e) => e.i);
}

describe('topKOfRow', () => {
  it('matches a stable descending sort, ties to the lower position (property)', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 1, maxLength: 40 }),
      fc.integer({ min: 1, max: 12 }),
      (ints, k) => {
        const values = Float64Array.from(ints, (v) => v / 2);
        const out = new Int32Array(k).fill(-7);
        expect(topKOfRow(values, 0, values.length, k, out, 0, new Float64Array(k))).toBe(-1);
        const want = reference(Array.from(values), k);
        expect(Array.from(out.subarray(0, want.length))).toEqual(want);
      },
    ));
  });

  it('reports the first NaN or infinity', () => {
    const out = new Int32Array(2);
    expect(topKOfRow(Float32Array.of(1, 2, NaN, Infinity), 0, 4, 2, out, 0, new Float64Array(2))).toBe(2);
    expect(topKOfRow(Float32Array.of(-Infinity), 0, 1, 2, out, 0, new Float64Array(2))).toBe(0);
  });

  it('reads a row at an offset', () => {
    const out = new Int32Array(2);
    topKOfRow(Float32Array.of(9, 9, 0.1, 0.5, 0.3), 2, 3, 2, out, 0, new Float64Array(2));
    expect(Array.from(out)).toEqual([1, 2]);
  });
});
