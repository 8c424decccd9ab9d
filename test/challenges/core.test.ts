import { describe, expect, it } from 'vitest';
import { seededRng } from '../../src/stats/rng.js';
import { seededAssignment, splitSizes, usageAssignment } from '../../src/challenges/core/split-assignment.js';
import { quotaRefusal, utcDayStart } from '../../src/challenges/core/quota.js';
import { EMPTY_LADDER, ladderStep } from '../../src/challenges/core/ladder-step.js';
import { buildBoard } from '../../src/challenges/core/board.js';
import { gapTest, topKGap } from '../../src/challenges/core/audit.js';
import { METRICS, reported } from '../../src/challenges/core/metrics.js';
import { parseModeText } from '../../src/challenges/core/leaderboard-mode.js';
import { splitScores } from '../../src/challenges/core/split-scores.js';
import { packBits, unpackBits } from '../../src/challenges/correct-bits.js';
import { safeFileName } from '../../src/challenges/submit.js';
import { releasedCorrect } from '../../src/challenges/leaderboard.js';
import { DEFAULT_INTERVAL } from '../../src/score/core/proportion.js';

describe('public/private split', () => {
  it('draws exactly publicSize public images, the same for the same seed', () => {
    const a = seededAssignment(1000, 300, seededRng(9));
    expect(splitSizes(a)).toEqual({ public: 300, private: 700 });
    expect(seededAssignment(1000, 300, seededRng(9))).toBe(a);
    expect(seededAssignment(1000, 300, seededRng(10))).not.toBe(a);
    expect(() => seededAssignment(10, 10, seededRng(1))).toThrow('the public split must hold 1..9 of the 10 images');
  });

  it('reads a Kaggle-style Usage column and checks it covers every image once', () => {
    const usage = new Map([['a', 'Public'], ['b', 'private'], ['c', 'Ignored']]);
    expect(usageAssignment(['a', 'b', 'c'], usage, 'sol.csv')).toBe('PRI');
    expect(() => usageAssignment(['a', 'b', 'd'], usage, 'sol.csv')).toThrow('sol.csv: no Usage for image "d"');
    expect(() => usageAssignment(['a', 'b'], usage, 'sol.csv')).toThrow('sol.csv: 3 rows but the split has 2 images');
    expect(() => usageAssignment(['a'], new Map([['a', 'Public']]), 'sol.csv')).toThrow(/at least one Public and one Private/);
    expect(() => usageAssignment(['a'], new Map([['a', 'Pub']]), 'sol.csv')).toThrow(/expected Public, Private or Ignored/);
  });

  it('scores each board from one correctness vector, with per-class counts', () => {
    const labels = Int32Array.of(0, 1, 1, 2);
    const guesses = Int32Array.of(0, 9, 9, 8, 2, 1, 2, 9); // k = 2: right first, wrong, right second, right first
    const [pub, priv] = splitScores(labels, guesses, 2, 'PRPI');
    expect(pub).toMatchObject({ split: 'public', correct: 2, n: 2, perClass: [[0, 1, 1], [1, 1, 1]] });
    expect(priv).toMatchObject({ split: 'private', correct: 0, n: 1, perClass: [[1, 1, 0]] });
    expect(Array.from(pub!.bits)).toEqual([1, 1]);
  });
});

describe('quotas', () => {
  it('refuses at the first limit reached and resets daily at 00:00 UTC', () => {
    expect(quotaRefusal({ today: 4, total: 9, pending: 1 }, { perDay: 5, total: 10, concurrent: 2 })).toBeNull();
    expect(quotaRefusal({ today: 5, total: 9, pending: 0 }, { perDay: 5 })).toMatch(/^daily quota reached: 5 of 5/);
    expect(quotaRefusal({ today: 0, total: 10, pending: 0 }, { total: 10 })).toMatch(/^total quota reached/);
    expect(quotaRefusal({ today: 0, total: 0, pending: 2 }, { concurrent: 2 })).toMatch(/^concurrency limit reached/);
    expect(utcDayStart(new Date('2026-03-04T23:59:59+05:00')).toISOString()).toBe('2026-03-04T00:00:00.000Z');
  });
});

describe('Ladder step', () => {
  const vec = (correct: number, n = 100) => Uint8Array.from({ length: n }, (_, i) => (i < correct ? 1 : 0));
  it('fixed η: releases only improvements by more than η, rounded to η', () => {
    const mode = { kind: 'ladder', eta: '0.05' } as const;
    const r1 = ladderStep(mode, EMPTY_LADDER, vec(60));
    expect(r1.release).toEqual({ round: 1, accepted: true, released: 0.4 });
    const r2 = ladderStep(mode, r1.memory, vec(63));
    expect(r2.release).toEqual({ round: 2, accepted: false, released: 0.4 });
    const r3 = ladderStep(mode, r2.memory, vec(71));
    expect(r3.release).toEqual({ round: 3, accepted: true, released: 0.3 });
  });

  it('parameter-free: needs a paired improvement above one standard error', () => {
    const mode = { kind: 'ladder-free' } as const;
    const r1 = ladderStep(mode, EMPTY_LADDER, vec(60));
    const one = ladderStep(mode, r1.memory, vec(61)); // k = 1, j = 0: never accepted
    expect(one.release.accepted).toBe(false);
    const more = ladderStep(mode, r1.memory, vec(70)); // k = 10, j = 0: 100 > 10
    expect(more.release).toEqual({ round: 2, accepted: true, released: 0.3 });
    expect(releasedCorrect(0.3, 100)).toBe(70);
  });
});

describe('board', () => {
  it('ranks by accuracy, earlier first on ties, and flags ties with the leader only when all rows carry bits', () => {
    const n = 400;
    const bits = (k: number) => Uint8Array.from({ length: n }, (_, i) => (i < k ? 1 : 0));
    const e = (id: number, k: number, at: string, withBits = true) => ({ submissionId: id, teamId: id, label: `t${id}`, baseline: false, correct: k, n, createdAt: at, ...(withBits ? { bits: bits(k) } : {}) });
    const options = { metric: METRICS['top1-error'], interval: DEFAULT_INTERVAL, tieAlpha: 0.05 };
    const rows = buildBoard([e(1, 300, '2026-01-02'), e(2, 300, '2026-01-01'), e(3, 250, '2026-01-01')], options);
    expect(rows.map((r) => [r.entry.submissionId, r.rank, r.tiedWithLeader])).toEqual([[2, 1, true], [1, 2, true], [3, 3, false]]);
    expect(rows[0]!.value).toBeCloseTo(0.25, 12);
    expect(rows[0]!.ci[0]).toBeLessThan(0.25);
    expect(buildBoard([e(1, 300, 'a'), e(2, 200, 'a', false)], options).every((r) => r.tiedWithLeader === undefined)).toBe(true);
  });

  it('reports errors with the interval flipped', () => {
    expect(reported(METRICS['top5-error'], 0.9, [0.85, 0.93])).toEqual({ value: 0.09999999999999998, ci: [0.06999999999999995, 0.15000000000000002] });
    expect(parseModeText('ladder(0.01)')).toEqual({ kind: 'ladder', eta: '0.01' });
    expect(parseModeText('ladder')).toBeUndefined();
  });
});

describe('audit statistics', () => {
  it('tests one gap: Newcombe interval and pooled two-sample z', () => {
    const g = gapTest({ submissionId: 1, label: 'x', publicCorrect: 80, publicN: 100, privateCorrect: 700, privateN: 1000 }, 0.05);
    expect(g.gap).toBeCloseTo(0.1, 12);
    // Pooled p = 780/1100; z = 0.1 / sqrt(p(1 − p)(1/100 + 1/1000)) = 2.0993…, two-sided p = 2Φ(−z) = 0.03579…
    expect(g.pValue).toBeCloseTo(0.035791, 5);
    // Newcombe (1998) method 10 from two Wilson intervals, computed independently in Python.
    expect(g.ci[0]).toBeCloseTo(0.0069838562, 9);
    expect(g.ci[1]).toBeCloseTo(0.1727197693, 9);
  });

  it('bootstraps the top-k mean gap reproducibly from a seed', () => {
    const subs = Array.from({ length: 20 }, (_, i) => ({ submissionId: i, label: String(i), publicCorrect: 600 + i * 5, publicN: 1000, privateCorrect: 600 + i * 5, privateN: 1000 }));
    const a = topKGap(subs, 2, { rng: seededRng(3), resamples: 500, alpha: 0.05 });
    expect(a.meanGap).toBe(0);
    expect(a.ci[0]).toBeLessThan(0);
    expect(a.ci[1]).toBeGreaterThan(0); // selecting the top 2 by noisy public scores biases resampled gaps upward
    expect(topKGap(subs, 2, { rng: seededRng(3), resamples: 500, alpha: 0.05 })).toEqual(a);
  });
});

describe('small helpers', () => {
  it('packs correctness bits losslessly', () => {
    const v = Uint8Array.from({ length: 1003 }, (_, i) => (i * 7) % 3 === 0 ? 1 : 0);
    expect(unpackBits(packBits(v), v.length)).toEqual(v);
  });

  it('keeps only a sanitised base name of an upload', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\x\\..\\p r.txt')).toBe('p_r.txt');
    expect(safeFileName('...')).toBe('upload');
    expect(safeFileName('.hidden.csv')).toBe('hidden.csv');
  });
});
