import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MultiIndexHash, bruteForceHamming, defaultSubstrings, splitSubstrings, substringRadii, type PackedHashes } from '../../src/collect/core/index.js';

/** Hashes as signed int32 halves; planted ones are copies of earlier hashes with a few bits flipped. */
const hashSet = fc.array(
  fc.record({ hi: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), lo: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), copyOf: fc.nat(), flips: fc.array(fc.integer({ min: 0, max: 63 }), { maxLength: 12 }) }),
  { minLength: 1, maxLength: 120 },
).map((rows): PackedHashes => {
  const hi = new Int32Array(rows.length);
  const lo = new Int32Array(rows.length);
  rows.forEach((r, i) => {
    let [h, l] = i > 0 && r.copyOf % 2 === 0 ? [hi[r.copyOf % i]!, lo[r.copyOf % i]!] : [r.hi, r.lo];
    for (const b of r.flips) {
      if (b < 32) l ^= 1 << b;
      else h ^= 1 << (b - 32);
    }
    hi[i] = h;
    lo[i] = l;
  });
  return { hi, lo };
});

const brute = (q: PackedHashes, refs: PackedHashes, radius: number) => {
  const out: string[] = [];
  bruteForceHamming(q, refs, radius, (a, b, d) => out.push(`${a}-${b}-${d}`));
  return out.sort();
};

describe('multi-index hashing', () => {
  it('finds exactly the pairs brute force finds, for any substring count and radius', () => {
    fc.assert(fc.property(hashSet, hashSet, fc.integer({ min: 2, max: 16 }), fc.integer({ min: 0, max: 14 }), (refs, queries, m, radius) => {
      const index = MultiIndexHash.build(refs, { substrings: m });
      const got: string[] = [];
      index.queryMany(queries, radius, (a, b, d) => got.push(`${a}-${b}-${d}`));
      expect(got.sort()).toEqual(brute(queries, refs, radius));
    }), { numRuns: 300 });
  });

  it('finds a set\'s near pairs within itself (self-join) exactly, each hit once', () => {
    fc.assert(fc.property(hashSet, fc.integer({ min: 0, max: 10 }), (set, radius) => {
      const index = MultiIndexHash.build(set, { maxRadius: radius });
      const got: string[] = [];
      index.queryMany(set, radius, (a, b, d) => got.push(`${a}-${b}-${d}`));
      expect(new Set(got).size).toBe(got.length);
      expect(got.sort()).toEqual(brute(set, set, radius));
    }), { numRuns: 200 });
  });

  it('uses sorted tables for 32-bit substrings (m = 2) and stays exact', () => {
    const refs = { hi: Int32Array.from([0, -1, 5, 5]), lo: Int32Array.from([0, -1, 7, 6]) };
    const index = MultiIndexHash.build(refs, { substrings: 2 });
    expect(index.queryAll(5, 7, 1)).toEqual([{ index: 2, distance: 0 }, { index: 3, distance: 1 }]);
    expect(index.queryAll(0, 0, 64).map((h) => h.index)).toEqual([0, 1, 2, 3]);
  });

  it('splits 64 bits into substrings whose radii satisfy the pigeonhole bound', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 64 }), fc.integer({ min: 0, max: 64 }), (m, r) => {
      const subs = splitSubstrings(m);
      expect(subs.reduce((s, x) => s + x.bits, 0)).toBe(64);
      expect(subs.at(-1)!.offset).toBe(0);
      const radii = substringRadii(r, m);
      // Exceeding every radius by one costs r + 1 bits in total: so a hit within r is always caught somewhere.
      expect(radii.reduce((s, x) => s + x + 1, 0)).toBe(r + 1);
    }));
  });

  it('chooses about log2(n)-bit substrings, capped by the radius', () => {
    expect(defaultSubstrings(1_280_000, 8)).toBe(3);
    expect(defaultSubstrings(10_000, 8)).toBe(5);
    expect(defaultSubstrings(10, 8)).toBe(9);
    expect(defaultSubstrings(10, 0)).toBe(2);
  });
});
