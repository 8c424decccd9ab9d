import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import { describe, expect, it } from 'vitest';
import { discordantCounts } from '../../src/stats/discordant-counts.js';
import { mcnemar, mcnemarChiSquare, mcnemarExact, type McNemarMethod } from '../../src/stats/mcnemar.js';
import { ErrorTracker, num, readFixture } from './fixtures.js';

describe('McNemar against scipy (statsmodels formulas)', () => {
  const rows = readFixture('mcnemar.csv');

  it('exact test: statistic equal, p-value ≤ 1e-9 relative error', () => {
    const t = new ErrorTracker();
    for (const r of rows) {
      const b = num(r.b), c = num(r.c);
      const got = mcnemarExact(b, c);
      expect(got.statistic).toBe(num(r.exact_statistic));
      t.add(got.pValue, num(r.exact_p), `exact b=${b} c=${c}`);
    }
    console.info(`McNemar exact: max relative error ${t.max.toExponential(2)} (${t.where})`);
    expect(t.max, t.where).toBeLessThanOrEqual(1e-9);
  });

  it('chi-square with continuity correction: ≤ 1e-9 relative error', () => {
    const t = new ErrorTracker();
    for (const r of rows) {
      const b = num(r.b), c = num(r.c);
      const got = mcnemarChiSquare(b, c);
      t.add(got.statistic, num(r.chi2_statistic), `chi2 statistic b=${b} c=${c}`);
      t.add(got.pValue, num(r.chi2_p), `chi2 p b=${b} c=${c}`);
    }
    console.info(`McNemar chi-square: max relative error ${t.max.toExponential(2)} (${t.where})`);
    expect(t.max, t.where).toBeLessThanOrEqual(1e-9);
  });

  it('b = c keeps statsmodels\' unclipped statistic 1/(b + c); |b − c| = 1 gives 0', () => {
    expect(mcnemarChiSquare(5, 5).statistic).toBeCloseTo(0.1, 15);
    expect(mcnemarChiSquare(5, 5).pValue).toBeLessThan(1);
    expect(mcnemarChiSquare(50, 51)).toEqual({ statistic: 0, pValue: 1 });
  });

  it('b + c = 0 is statistic 0, p 1 for both variants (statsmodels: ∞ and 0)', () => {
    expect(mcnemarExact(0, 0)).toEqual({ statistic: 0, pValue: 1 });
    expect(mcnemarChiSquare(0, 0)).toEqual({ statistic: 0, pValue: 1 });
  });

  it('the 2Φ(−√x) survival function agrees with 1 − χ²(1) cdf where the latter is precise', () => {
    for (const [b, c] of [[3, 7], [25, 40], [100, 150], [1000, 1100]] as const) {
      const { statistic, pValue } = mcnemarChiSquare(b, c);
      expect(pValue).toBeCloseTo(1 - chisquareCdf(statistic, 1), 12);
    }
  });

  it('mcnemar() dispatches by name and validates', () => {
    expect(mcnemar(3, 7)).toEqual(mcnemarExact(3, 7));
    expect(mcnemar(3, 7, 'chi-square')).toEqual(mcnemarChiSquare(3, 7));
    expect(() => mcnemar(-1, 2)).toThrow(/b \(discordant count\) must be an integer ≥ 0/);
    expect(() => mcnemar(1, 2.5)).toThrow(RangeError);
    expect(() => mcnemar(1, 2, 'mid-p' as McNemarMethod)).toThrow(/unknown McNemar method/);
  });
});

describe('discordantCounts', () => {
  it('counts the off-diagonal cells', () => {
    const a = Uint8Array.from([1, 1, 0, 0, 1, 0]);
    const b = Uint8Array.from([1, 0, 1, 0, 0, 1]);
    expect(discordantCounts(a, b)).toEqual({ b: 2, c: 2, n: 6 });
    expect(discordantCounts(b, a)).toEqual({ b: 2, c: 2, n: 6 });
    expect(discordantCounts(Uint8Array.from([1, 1, 1]), Uint8Array.from([0, 1, 0]))).toEqual({ b: 2, c: 0, n: 3 });
  });

  it('rejects unequal, empty or non-binary vectors', () => {
    expect(() => discordantCounts(new Uint8Array(3), new Uint8Array(4))).toThrow(/same length/);
    expect(() => discordantCounts(new Uint8Array(0), new Uint8Array(0))).toThrow(/empty/);
    expect(() => discordantCounts(Uint8Array.from([0, 2]), Uint8Array.from([0, 1]))).toThrow(/a\[1\] must be 0 or 1/);
  });
});
