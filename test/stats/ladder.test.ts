import { describe, expect, it } from 'vitest';
import { createLadder, ladderSubmit, runLadder } from '../../src/stats/ladder.js';
import { decimalToRational } from '../../src/stats/rational.js';

describe('decimalToRational', () => {
  it.each([
    [0.01, 1n, 100n], ['0.01', 1n, 100n], [0.05, 1n, 20n], [1e-7, 1n, 10_000_000n], ['2.5e-3', 1n, 400n],
    [0.3, 3n, 10n], [1, 1n, 1n], ['.5', 1n, 2n], [0, 0n, 1n], [120, 120n, 1n], ['1.50', 3n, 2n],
  ])('%s → %s/%s', (v, num, den) => {
    expect(decimalToRational(v)).toEqual({ num, den });
  });

  it.each([-0.01, Number.NaN, Number.POSITIVE_INFINITY, 'abc', '', '1/100', '.'])('rejects %s', (v) => {
    expect(() => decimalToRational(v)).toThrow(RangeError);
  });
});

describe('Ladder (Blum & Hardt 2015, Algorithm 1) in integers', () => {
  it('releases on the first submission and only on improvements by more than η', () => {
    // n = 1000, η = 0.01. Losses: 0.300, 0.295 (not < 0.29), 0.289 (< 0.29: release 0.29),
    // 0.2801 impossible at n=1000, so 0.279 (< 0.28: release 0.28), 0.300 (worse: keep).
    const rounds = runLadder([300, 295, 289, 279, 300], { n: 1000, eta: 0.01 });
    expect(rounds.map((r) => r.accepted)).toEqual([true, false, true, true, false]);
    expect(rounds.map((r) => r.released)).toEqual([0.3, 0.3, 0.29, 0.28, 0.28]);
    expect(rounds.map((r) => r.steps)).toEqual([30, 30, 29, 28, 28]);
    expect(rounds.map((r) => r.round)).toEqual([1, 2, 3, 4, 5]);
    expect(rounds[2]!.loss).toBe(0.289);
  });

  it('boundary: loss exactly R − η is not an improvement (0.44 vs 0.45 − 0.01)', () => {
    // (0.45 − 0.01 happens to be exactly the double 0.44 in IEEE arithmetic; the integer test
    // errors·q < (m − 1)·p·n → 44·100 < 44·1·100 is false without relying on that.)
    const rounds = runLadder([45, 44, 43], { n: 100, eta: 0.01 });
    expect(rounds.map((r) => r.accepted)).toEqual([true, false, true]);
    expect(rounds.map((r) => r.released)).toEqual([0.45, 0.45, 0.43]);
  });

  it('boundary where doubles get it wrong: 0.06 < 0.07 − 0.01 is true in floating point', () => {
    expect(0.06 < 0.07 - 0.01).toBe(true); // the bug this module avoids
    const rounds = runLadder([7, 6], { n: 100, eta: 0.01 });
    expect(rounds[1]!.accepted).toBe(false);
    expect(rounds[1]!.released).toBe(0.07);
    // Same at n = 1000 and for R = 0.70: 0.69 < 0.7 − 0.01 holds in doubles (0.7000000000000001 − 0.01 after 70·0.01).
    expect(runLadder([70, 69], { n: 100, eta: 0.01 })[1]!.accepted).toBe(false);
    expect(runLadder([700, 690, 689], { n: 1000, eta: '0.01' }).map((r) => r.accepted)).toEqual([true, false, true]);
  });

  it('rounds to the nearest multiple of η with ties up, exactly', () => {
    // 0.285 / 0.01 = 28.499999999999996 in doubles, so Math.round would give 0.28; the tie goes up to 0.29.
    expect(Math.round(0.285 / 0.01)).toBe(28);
    expect(runLadder([285], { n: 1000, eta: 0.01 })[0]!.released).toBe(0.29);
    expect(runLadder([284], { n: 1000, eta: 0.01 })[0]!.released).toBe(0.28);
    expect(runLadder([3], { n: 40, eta: 0.05 })[0]).toMatchObject({ steps: 2, released: 0.1 }); // 0.075 = 1.5 η → tie → 2η
  });

  it('η that is not a multiple of 1/n: n = 300, η = 0.01', () => {
    // Loss 0.3 (90/300) releases 0.30. 87/300 = 0.29 is not < 0.29; 86/300 = 0.28667 is, released as 0.29.
    const rounds = runLadder([90, 87, 86, 84], { n: 300, eta: 0.01 });
    expect(rounds.map((r) => r.accepted)).toEqual([true, false, true, false]);
    expect(rounds.map((r) => r.released)).toEqual([0.3, 0.3, 0.29, 0.29]);
  });

  it('state is immutable and validated', () => {
    const s0 = createLadder({ n: 10, eta: 0.1 });
    const { state: s1 } = ladderSubmit(s0, 5);
    expect(s0.steps).toBeNull();
    expect(s1.steps).toBe(5n);
    expect(() => ladderSubmit(s1, 11)).toThrow(/≤ n/);
    expect(() => ladderSubmit(s1, 1.5)).toThrow(RangeError);
    expect(() => createLadder({ n: 0, eta: 0.1 })).toThrow(/n \(test-set size\)/);
    expect(() => createLadder({ n: 10, eta: 0 })).toThrow(/eta must be > 0/);
  });
});
