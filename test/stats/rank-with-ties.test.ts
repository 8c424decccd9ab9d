import { describe, expect, it } from 'vitest';
import { holmAdjust } from '../../src/stats/holm-adjust.js';
import { mcnemarExact } from '../../src/stats/mcnemar.js';
import { rankWithTies } from '../../src/stats/rank-with-ties.js';

/** A correctness vector of length n with the given items correct. */
function vec(n: number, correct: (i: number) => boolean): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (correct(i) ? 1 : 0));
}

describe('holmAdjust', () => {
  it('matches statsmodels multipletests(method="holm")', () => {
    // multipletests([0.01, 0.04, 0.03, 0.005], method='holm')[1] → [0.03, 0.06, 0.06, 0.02]
    const adj = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((v, i) => expect(adj[i]).toBeCloseTo(v, 15));
    expect(holmAdjust([0.5, 0.9])).toEqual([1, 1]);
    expect(holmAdjust([])).toEqual([]);
    expect(() => holmAdjust([1.2])).toThrow(RangeError);
  });
});

describe('rankWithTies', () => {
  const n = 1000;
  // A: 800 correct. B: A minus 5 items (tie). C: A minus 60 items, plus 0 (clearly worse). D: equal mean to B.
  const A = vec(n, (i) => i < 800);
  const B = vec(n, (i) => i < 795);
  const C = vec(n, (i) => i < 740);
  const D = vec(n, (i) => (i < 790) || (i >= 900 && i < 905));

  it('finds the leader and the entries tied with it', () => {
    const r = rankWithTies([{ id: 'C', scores: C }, { id: 'B', scores: B }, { id: 'A', scores: A }, { id: 'D', scores: D }]);
    expect(r.leader).toBe('A');
    expect(r.entries.map((e) => e.id)).toEqual(['A', 'B', 'D', 'C']);
    expect(r.entries.map((e) => e.position)).toEqual([1, 2, 3, 4]);
    expect(r.topGroup).toEqual(['A', 'B', 'D']);
    const [lead, b, d, c] = r.entries;
    expect(lead).toMatchObject({ isLeader: true, pValue: 1, adjustedP: 1, tiedWithLeader: true, mean: 0.8, index: 2 });
    // B vs A: B wins 0, loses 5 → exact p = 2 · 0.5^5.
    expect(b).toMatchObject({ wins: 0, losses: 5, pValue: 2 * 0.5 ** 5, tiedWithLeader: true });
    // D vs A: D wins 5 (900..904), loses 10 (790..799).
    expect(d).toMatchObject({ wins: 5, losses: 10, pValue: mcnemarExact(5, 10).pValue });
    expect(c).toMatchObject({ wins: 0, losses: 60, tiedWithLeader: false });
    const adj = holmAdjust([b!.pValue, d!.pValue, c!.pValue]);
    expect([b!.adjustedP, d!.adjustedP, c!.adjustedP]).toEqual(adj);
  });

  it('Holm correction can turn a raw p < α into a tie', () => {
    // Two challengers each with 0 wins, 6 losses: raw p = 2 · 0.5^6 = 0.03125 < 0.05; Holm doubles the smaller.
    const L = vec(100, (i) => i < 90);
    const X = vec(100, (i) => i < 84);
    const Y = vec(100, (i) => i < 84);
    const r = rankWithTies([{ id: 'L', scores: L }, { id: 'X', scores: X }, { id: 'Y', scores: Y }]);
    expect(r.entries[1]!.pValue).toBe(0.03125);
    expect(r.entries[1]!.adjustedP).toBe(0.0625);
    expect(r.topGroup).toEqual(['L', 'X', 'Y']);
    expect(rankWithTies([{ id: 'L', scores: L }, { id: 'X', scores: X }]).topGroup).toEqual(['L']);
  });

  it('lower-is-better ranks error vectors', () => {
    const errA = A.map((v) => 1 - v), errC = C.map((v) => 1 - v);
    const r = rankWithTies([{ id: 'C', scores: errC }, { id: 'A', scores: errA }], { direction: 'lower-is-better' });
    expect(r.leader).toBe('A');
    expect(r.entries[1]).toMatchObject({ id: 'C', wins: 0, losses: 60, tiedWithLeader: false });
  });

  it('breaks equal means by input order and handles a single entry', () => {
    expect(rankWithTies([{ id: 'B', scores: B }, { id: 'D', scores: D }]).leader).toBe('B');
    expect(rankWithTies([{ id: 'D', scores: D }, { id: 'B', scores: B }]).leader).toBe('D');
    expect(rankWithTies([{ id: 'A', scores: A }])).toMatchObject({ leader: 'A', topGroup: ['A'] });
  });

  it('validates', () => {
    expect(() => rankWithTies([])).toThrow(/at least one entry/);
    expect(() => rankWithTies([{ id: 'A', scores: A }, { id: 'A', scores: B }])).toThrow(/duplicate/);
    expect(() => rankWithTies([{ id: 'A', scores: A }, { id: 'S', scores: A.subarray(1) }])).toThrow(/same length/);
    expect(() => rankWithTies([{ id: 'A', scores: A }], { alpha: 0 })).toThrow(/alpha/);
  });
});
