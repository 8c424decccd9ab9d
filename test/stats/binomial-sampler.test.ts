import binomialPmf from '@stdlib/stats-base-dists-binomial-pmf';
import { describe, expect, it } from 'vitest';
import { binomialSampler } from '../../src/stats/binomial-sampler.js';
import { seededRng } from '../../src/stats/rng.js';

describe('binomialSampler', () => {
  it.each([
    [10, 0.3], [40, 0.05], [7, 0.9], [1, 0.5], [200, 0.5],
  ])('Binomial(%s, %s) frequencies match the pmf', (n, p) => {
    const draw = binomialSampler(n, p);
    const rng = seededRng(1234);
    const m = 200_000;
    const counts = new Map<number, number>();
    for (let i = 0; i < m; i++) {
      const x = draw(rng);
      counts.set(x, (counts.get(x) ?? 0) + 1);
    }
    for (let x = 0; x <= n; x++) {
      const expected = m * binomialPmf(x, n, p);
      const got = counts.get(x) ?? 0;
      // within 5 binomial standard deviations (+1 for tiny cells)
      expect(Math.abs(got - expected)).toBeLessThanOrEqual(5 * Math.sqrt(expected) + 1);
    }
  });

  it('handles degenerate and large cases', () => {
    const rng = seededRng(1);
    expect(binomialSampler(0, 0.4)(rng)).toBe(0);
    expect(binomialSampler(12, 0)(rng)).toBe(0);
    expect(binomialSampler(12, 1)(rng)).toBe(12);
    const big = binomialSampler(1_000_000, 0.5);
    let s = 0;
    for (let i = 0; i < 10_000; i++) s += big(rng);
    expect(Math.abs(s / 10_000 - 500_000)).toBeLessThan(5 * 500 / Math.sqrt(10_000) + 1);
    const rare = binomialSampler(1_000_000, 1e-9);
    expect(rare(rng)).toBeLessThanOrEqual(3);
  });

  it('validates', () => {
    expect(() => binomialSampler(-1, 0.5)).toThrow(RangeError);
    expect(() => binomialSampler(3, 1.5)).toThrow(RangeError);
  });
});
