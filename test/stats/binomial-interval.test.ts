import { describe, expect, it } from 'vitest';
import { binomialInterval, INTERVAL_METHODS, type IntervalMethod } from '../../src/stats/binomial-interval.js';
import { ErrorTracker, num, readFixture } from './fixtures.js';

describe('binomialInterval against scipy', () => {
  const rows = readFixture('intervals.csv');

  for (const method of Object.keys(INTERVAL_METHODS) as IntervalMethod[]) {
    it(`${method}: ≤ 1e-9 relative error on the fixture grid`, () => {
      const t = new ErrorTracker();
      let count = 0;
      for (const r of rows.filter((row) => row.method === method)) {
        const k = num(r.k), n = num(r.n), alpha = num(r.alpha);
        const got = binomialInterval(k, n, { method, alpha });
        t.add(got.lower, num(r.lower), `${method} k=${k} n=${n} α=${alpha} lower`, 1e-15);
        t.add(got.upper, num(r.upper), `${method} k=${k} n=${n} α=${alpha} upper`, 1e-15);
        count++;
      }
      expect(count).toBeGreaterThan(300);
      console.info(`${method}: max relative error ${t.max.toExponential(2)} (${t.where})`);
      expect(t.max, t.where).toBeLessThanOrEqual(1e-9);
    });
  }

  it('pins the limits at the boundaries exactly', () => {
    for (const method of Object.keys(INTERVAL_METHODS) as IntervalMethod[]) {
      expect(binomialInterval(0, 50, { method }).lower).toBe(0);
      expect(binomialInterval(50, 50, { method }).upper).toBe(1);
      const one = binomialInterval(1, 1, { method });
      expect(one.upper).toBe(1);
      expect(one.lower).toBeGreaterThan(0);
    }
  });

  it('Clopper–Pearson at n = 1 is (α/2, 1) and (0, 1 − α/2)', () => {
    expect(binomialInterval(1, 1, { alpha: 0.05 }).lower).toBeCloseTo(0.025, 15);
    expect(binomialInterval(0, 1, { alpha: 0.05 }).upper).toBeCloseTo(0.975, 15);
  });

  it('defaults to Clopper–Pearson at α = 0.05', () => {
    expect(binomialInterval(30, 100)).toEqual(binomialInterval(30, 100, { method: 'clopper-pearson', alpha: 0.05 }));
  });
});

describe('binomialInterval validation', () => {
  it.each([
    [0, 0, 0.05, /n \(number of trials\) must be an integer ≥ 1/],
    [1, 2.5, 0.05, /n \(number of trials\)/],
    [-1, 10, 0.05, /k \(number of successes\) must be an integer ≥ 0/],
    [1.5, 10, 0.05, /k \(number of successes\)/],
    [11, 10, 0.05, /must be ≤ n/],
    [1, 10, 0, /alpha must be strictly between 0 and 1/],
    [1, 10, 1, /alpha/],
    [1, 10, Number.NaN, /alpha/],
  ])('k=%s n=%s alpha=%s throws RangeError', (k, n, alpha, msg) => {
    expect(() => binomialInterval(k, n, { alpha })).toThrow(RangeError);
    expect(() => binomialInterval(k, n, { alpha })).toThrow(msg);
  });

  it('rejects an unknown method', () => {
    expect(() => binomialInterval(1, 2, { method: 'wald' as IntervalMethod })).toThrow(/unknown interval method "wald"/);
  });
});

describe('registry lookups', () => {
  it('do not reach Object.prototype', () => {
    expect(() => binomialInterval(1, 2, { method: 'toString' as IntervalMethod })).toThrow(/unknown interval method/);
  });
});
