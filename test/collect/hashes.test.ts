import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  differenceHash, hammingDistance, hammingHalves, hashFromHalves, hashFromHex, hashHalves, hashToHex, perceptualHash, popcount32, resizeArea,
} from '../../src/collect/core/index.js';

const grid = (w: number, h: number, f: (x: number, y: number) => number) => ({
  width: w, height: h, data: Float64Array.from({ length: w * h }, (_, i) => f(i % w, Math.floor(i / w))),
});

describe('64-bit hashes', () => {
  it('round-trips hex and halves', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (h) => {
      expect(hashFromHex(hashToHex(h))).toBe(h);
      const [hi, lo] = hashHalves(h);
      expect(hashFromHalves(hi, lo)).toBe(h);
      expect(hashFromHalves(hi | 0, lo | 0)).toBe(h); // signed halves (Int32Array storage) read the same
    }));
    expect(() => hashFromHex('xyz')).toThrow(RangeError);
  });

  it('counts differing bits, on bigints and on halves alike', () => {
    expect(popcount32(0xffffffff)).toBe(32);
    expect(popcount32(-1)).toBe(32);
    expect(hammingDistance(0n, (1n << 64n) - 1n)).toBe(64);
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (a, b) => {
      const naive = [...(a ^ b).toString(2)].filter((c) => c === '1').length;
      const [ah, al] = hashHalves(a);
      const [bh, bl] = hashHalves(b);
      expect(hammingDistance(a, b)).toBe(naive);
      expect(hammingHalves(ah, al, bh, bl)).toBe(naive);
    }));
  });
});

describe('pHash and dHash', () => {
  // Expected values from scipy.fftpack (imagehash.phash's DCT) and numpy on the same arrays.
  it('pHash matches imagehash.phash on 32×32 inputs', () => {
    const a = grid(32, 32, (x, y) => (x * 7 + y * 13 + ((x * y) % 17) * 5) % 256);
    const b = grid(32, 32, (x, y) => ((x * x * 3 + y * 11 + x * y) ^ (y * 29)) % 256);
    expect(hashToHex(perceptualHash(a))).toBe('c194c1953768b6ed');
    expect(hashToHex(perceptualHash(b))).toBe('97274703015eaf2f');
  });

  it('dHash of a 9×8 input compares horizontal neighbours like imagehash.dhash', () => {
    const d = grid(9, 8, (x, y) => (x * 31 + y * 17 + ((x * y * 7) % 23)) % 256);
    expect(hashToHex(differenceHash(d))).toBe('fffefdfdfbfbf7f7');
  });

  it('depends on structure, not on scale or a uniform brightness shift', () => {
    const a = grid(64, 64, (x, y) => 100 + 80 * Math.sin(x / 7) * Math.cos(y / 5));
    const brighter = grid(64, 64, (x, y) => 130 + 80 * Math.sin(x / 7) * Math.cos(y / 5));
    const ramp = grid(64, 64, (x, y) => x * 3 + 20 * Math.sin(y / 3));
    const mirrored = grid(64, 64, (x, y) => (63 - x) * 3 + 20 * Math.sin(y / 3));
    expect(hammingDistance(perceptualHash(a), perceptualHash(brighter))).toBe(0);
    expect(hammingDistance(differenceHash(a), differenceHash(brighter))).toBe(0);
    expect(hammingDistance(differenceHash(ramp), differenceHash(mirrored))).toBe(64); // every gradient reverses
  });

  it('rejects pixel arrays of the wrong length', () => {
    expect(() => perceptualHash({ width: 32, height: 32, data: new Uint8Array(10) })).toThrow(RangeError);
    expect(() => differenceHash({ width: 3, height: 3, data: new Uint8Array(8) })).toThrow(RangeError);
  });
});

describe('resizeArea', () => {
  it('averages exact blocks and keeps the mean for fractional ones', () => {
    const img = grid(4, 2, (x) => x);
    expect([...resizeArea(img, 2, 1)]).toEqual([0.5, 2.5]);
    const odd = grid(7, 5, (x, y) => x * 10 + y);
    const out = resizeArea(odd, 3, 2);
    const mean = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0) / a.length;
    expect(mean(out)).toBeCloseTo(mean(odd.data), 10);
  });
});
