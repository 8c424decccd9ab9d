import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seededRng } from '../../../src/stats/index.js';
import { agreementInterval, agreementIntervals, countTable, fleissKappa, krippendorffAlpha, type CountTable } from '../../../src/verify/core/index.js';

const fx = JSON.parse(readFileSync(new URL('../../fixtures/crowd/agreement-bootstrap.json', import.meta.url), 'utf8')) as {
  cases: Array<{ name: string; counts: number[][]; resamples: number } & Record<'fleiss' | 'krippendorff', { value: number; lower: number; upper: number }>>;
};

describe('agreement coefficients with row weights', () => {
  it('equal the coefficients of the table with each row repeated as often as its weight', () => {
    const rng = seededRng(3);
    for (let round = 0; round < 40; round++) {
      const K = 2 + (round % 3);
      const rows = Array.from({ length: 1 + rng.int(12) }, () => Array.from({ length: K }, () => rng.int(6)));
      const weights = Float64Array.from(rows, () => rng.int(4));
      const expanded = countTable(rows.flatMap((r, i) => Array.from({ length: weights[i]! }, () => r)));
      const weighted: CountTable = { ...countTable(rows), weights };
      for (const f of [fleissKappa, krippendorffAlpha]) {
        const [a, b] = [f(weighted), f(expanded)];
        if (Number.isNaN(b.value)) expect(a.value).toBeNaN();
        else expect(a.value).toBeCloseTo(b.value, 12);
        expect([a.units, a.ratings]).toEqual([b.units, b.ratings]);
      }
    }
  });
});

describe('bootstrap intervals of agreement vs scipy.stats.bootstrap', () => {
  // scipy resamples units one by one and we draw multinomial counts of distinct rows: the same distribution, different
  // draws. With 20,000 resamples an endpoint's Monte Carlo standard error is ~0.002 here, so 0.01 is ~5 of them.
  it.each(fx.cases)('$name', (c) => {
    const t = countTable(c.counts);
    const [fi, ki] = agreementIntervals(t, [fleissKappa, krippendorffAlpha], seededRng(7), { resamples: c.resamples });
    expect(fleissKappa(t).value).toBeCloseTo(c.fleiss.value, 12);
    expect(krippendorffAlpha(t).value).toBeCloseTo(c.krippendorff.value, 12);
    for (const [ours, ref] of [[fi, c.fleiss], [ki, c.krippendorff]] as const) {
      expect(Math.abs(ours!.lower - ref.lower)).toBeLessThan(0.01);
      expect(Math.abs(ours!.upper - ref.upper)).toBeLessThan(0.01);
    }
  });

  it('gives each coefficient the interval it gets alone from the same seed, and none for no units', () => {
    const t = countTable(fx.cases[0]!.counts);
    const [fi, ki] = agreementIntervals(t, [fleissKappa, krippendorffAlpha], seededRng(9), { resamples: 300 });
    expect(agreementInterval(t, fleissKappa, seededRng(9), { resamples: 300 })).toEqual(fi);
    expect(fi).not.toEqual(ki);
    expect(agreementIntervals(countTable([]), [fleissKappa], seededRng(1))).toEqual([undefined]);
    // Undefined coefficients (one rating per unit) in most resamples: no interval.
    expect(agreementInterval(countTable([[1, 0], [0, 1]]), fleissKappa, seededRng(1), { resamples: 50 })).toBeUndefined();
  });
});
