import type { Hash64 } from './hash64.js';

/** Number of set bits of an unsigned 32-bit integer (SWAR: no loop, no table). */
export function popcount32(x: number): number {
  let v = x >>> 0;
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  v = (v + (v >>> 4)) & 0x0f0f0f0f;
  return Math.imul(v, 0x01010101) >>> 24;
}

/** Hamming distance of two hashes given as unsigned 32-bit halves: the hot-path form. */
export function hammingHalves(aHi: number, aLo: number, bHi: number, bLo: number): number {
  return popcount32(aHi ^ bHi) + popcount32(aLo ^ bLo);
}

/** Hamming distance of two 64-bit hashes (0..64). */
export function hammingDistance(a: Hash64, b: Hash64): number {
  const x = (a ^ b) & 0xffffffffffffffffn;
  return popcount32(Number(x >> 32n)) + popcount32(Number(x & 0xffffffffn));
}
