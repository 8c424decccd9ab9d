import type { PackedHashes } from './hash64.js';

/** Set bits of every 16-bit value: two lookups per 32-bit word beat SWAR popcount in V8 (bench/mih-vs-brute.mjs). */
const POP16 = (() => {
  const t = new Uint8Array(65536);
  for (let i = 1; i < 65536; i++) t[i] = t[i >> 1]! + (i & 1);
  return t;
})();

/**
 * Every (query, reference) pair within Hamming distance `radius`, by comparing all pairs: the reference answer
 * {@link MultiIndexHash} is tested against, and the peer in bench/mih-vs-brute.mjs. O(|queries|·|refs|), written as
 * tightly as plain JavaScript allows (unboxed int32 halves, table popcount, no call in the inner loop).
 */
export function bruteForceHamming(
  queries: PackedHashes,
  refs: PackedHashes,
  radius: number,
  visit: (query: number, ref: number, distance: number) => void,
): void {
  const { hi: RH, lo: RL } = refs;
  const T = POP16;
  const n = RH.length;
  for (let q = 0; q < queries.hi.length; q++) {
    const qh = queries.hi[q]!;
    const ql = queries.lo[q]!;
    for (let r = 0; r < n; r++) {
      const u = RH[r]! ^ qh;
      const w = RL[r]! ^ ql;
      const d = T[u & 0xffff]! + T[u >>> 16]! + T[w & 0xffff]! + T[w >>> 16]!;
      if (d <= radius) visit(q, r, d);
    }
  }
}
