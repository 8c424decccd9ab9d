import { describe, expect, it } from 'vitest';
import { createFreeLadder, freeLadderSubmit, runFreeLadder } from '../../src/stats/free-ladder.js';
import { seededRng } from '../../src/stats/rng.js';

/** Correctness vector of length n with exactly the listed items wrong. */
function wrongAt(n: number, wrong: Iterable<number>): Uint8Array {
  const v = new Uint8Array(n).fill(1);
  for (const i of wrong) v[i] = 0;
  return v;
}
const range = (a: number, b: number): number[] => Array.from({ length: b - a }, (_, i) => a + i);

/** The float form of the test, as in Ladder.jl: loss < R − s/√n with s the sample sd of d. */
function floatAccepts(cand: Uint8Array, leader: Uint8Array, released: number): boolean {
  const n = cand.length;
  const d = Array.from(cand, (c, i) => (1 - c) - (1 - leader[i]!));
  const mean = d.reduce((a, b) => a + b, 0) / n;
  const s = Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const loss = Array.from(cand).reduce((a, c) => a + 1 - c, 0) / n;
  return loss < released - s / Math.sqrt(n);
}

describe('parameter-free Ladder', () => {
  const n = 100;

  it('hand-worked: first always accepted, then D < 0 and D² > Q', () => {
    const first = wrongAt(n, range(0, 20)); // 20 errors
    // 15 errors, all a subset of the leader's: D = −5, Q = 5 → 25 > 5: accept.
    const better = wrongAt(n, range(0, 15));
    // 14 errors on items disjoint from the leader's 0..14: D = 14 − 15 = −1, Q = 15 + 14 = 29 → 1 > 29 false.
    const noisy = wrongAt(n, range(50, 64));
    const rounds = runFreeLadder([first, better, noisy], n);
    expect(rounds.map((r) => r.accepted)).toEqual([true, true, false]);
    expect(rounds.map((r) => r.releasedErrors)).toEqual([20, 15, 15]);
    expect(rounds.map((r) => r.released)).toEqual([0.2, 0.15, 0.15]);
    // First round: s is the sd of the 0/1 loss itself: √((20 − 400/100)/99).
    expect(rounds[0]!.sd).toBeCloseTo(Math.sqrt(16 / 99), 15);
    // Round 3: s² = (Q − D²/n)/(n − 1) with D = −1, Q = 29.
    expect(rounds[2]!.sd).toBeCloseTo(Math.sqrt((29 - 1 / 100) / 99), 15);
  });

  it('boundary D² = Q is rejected (loss = R − s/√n exactly), D² = Q + 1 accepted', () => {
    // Leader: 10 errors, at items 0..9.
    const leader = wrongAt(n, range(0, 10));
    const s0 = freeLadderSubmit(createFreeLadder(n), leader).state;
    // Fixes 0..5 and breaks 90..92: D = −3, Q = 9. D² = Q means loss = R − s/√n exactly: rejected.
    const tie = wrongAt(n, [...range(6, 10), ...range(90, 93)]);
    expect(freeLadderSubmit(s0, tie).round.accepted).toBe(false);
    // Fixes 0..8 and breaks 90..94: D = −4, Q = 14, and 16 > 14: accepted. (Q ≡ D mod 2, so Q = D² + 1 can't occur here.)
    const just = wrongAt(n, [...range(9, 10), ...range(90, 95)]);
    expect(freeLadderSubmit(s0, just).round.accepted).toBe(true);
  });

  it('agrees with the floating-point rule away from the boundary', () => {
    const rng = seededRng(31);
    let state = createFreeLadder(200);
    let checked = 0;
    for (let t = 0; t < 300; t++) {
      const p = 0.3 - t * 0.0005;
      const v = Uint8Array.from({ length: 200 }, () => (rng.next() < p ? 0 : 1));
      const before = state;
      const step = freeLadderSubmit(state, v);
      if (before.leader !== null) {
        expect(step.round.accepted).toBe(floatAccepts(v, before.leader, before.releasedErrors! / 200));
        checked++;
      }
      state = step.state;
    }
    expect(checked).toBe(299);
  });

  it('keeps its own copy of the leader and validates', () => {
    const v = wrongAt(n, [1]);
    const { state } = freeLadderSubmit(createFreeLadder(n), v);
    v[2] = 0;
    expect(state.leader![2]).toBe(1);
    expect(() => freeLadderSubmit(state, new Uint8Array(5))).toThrow(/5 items, the test set has 100/);
    expect(() => freeLadderSubmit(state, new Uint8Array(n).fill(3))).toThrow(/0 or 1/);
    expect(() => createFreeLadder(1)).toThrow(RangeError);
  });
});
