import { describe, expect, it } from 'vitest';
import { sampleLaplace } from '../../src/stats/laplace.js';
import { seededRng } from '../../src/stats/rng.js';

describe('seededRng', () => {
  it('next() is MT19937 genrand_res53: the same doubles as numpy RandomState(42).random_sample()', () => {
    const r = seededRng(42);
    expect([r.next(), r.next(), r.next()]).toEqual([0.3745401188473625, 0.9507143064099162, 0.7319939418114051]);
  });

  it('is deterministic per seed and differs across seeds', () => {
    const a = seededRng(7), b = seededRng(7), c = seededRng(8);
    const xs = Array.from({ length: 20 }, () => a.int(1000));
    expect(Array.from({ length: 20 }, () => b.int(1000))).toEqual(xs);
    expect(Array.from({ length: 20 }, () => c.int(1000))).not.toEqual(xs);
  });

  it('next() is in [0, 1) and int(n) covers 0..n−1 evenly', () => {
    const r = seededRng(123);
    const counts = new Array<number>(7).fill(0);
    for (let i = 0; i < 70_000; i++) {
      const u = r.next();
      expect(u >= 0 && u < 1).toBe(true);
      counts[r.int(7)]!++;
    }
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500); // ~5 sd
    expect(r.int(1)).toBe(0);
    const big = r.int(2 ** 32);
    expect(big >= 0 && big < 2 ** 32).toBe(true);
  });

  it.each([0, -1, 1.5, 2 ** 32, Number.NaN])('rejects seed %s', (seed) => {
    expect(() => seededRng(seed)).toThrow(RangeError);
  });

  it.each([0, 2.5, 2 ** 32 + 1, Number.NaN])('rejects int(%s)', (n) => {
    expect(() => seededRng(1).int(n)).toThrow(RangeError);
  });
});

describe('sampleLaplace', () => {
  it('has mean 0 and mean |x| = scale', () => {
    const r = seededRng(99);
    let s = 0, sa = 0;
    const m = 200_000;
    for (let i = 0; i < m; i++) {
      const x = sampleLaplace(r, 2);
      s += x;
      sa += Math.abs(x);
    }
    expect(Math.abs(s / m)).toBeLessThan(0.03); // sd of the mean: 2√2/√m ≈ 0.0063
    expect(Math.abs(sa / m - 2)).toBeLessThan(0.03);
  });

  it('is 0 at scale 0 and rejects negative scales', () => {
    expect(sampleLaplace(seededRng(1), 0)).toBe(0);
    expect(() => sampleLaplace(seededRng(1), -1)).toThrow(RangeError);
  });
});
