/** One contiguous bit range of a 64-bit hash: `bits` bits starting `offset` bits above the least significant bit. */
export interface Substring {
  readonly offset: number;
  readonly bits: number;
}

/**
 * Splits 64 bits into `m` contiguous substrings whose lengths differ by at most one (longer ones first), as in
 * Norouzi et al., "Fast Exact Search in Hamming Space with Multi-Index Hashing" (TPAMI 2014).
 */
export function splitSubstrings(m: number): Substring[] {
  if (!Number.isInteger(m) || m < 2 || m > 64) throw new RangeError(`substring count must be an integer in 2..64, got ${m}`);
  const out: Substring[] = [];
  let offset = 64;
  for (let i = 0; i < m; i++) {
    const bits = Math.floor(64 / m) + (i < 64 % m ? 1 : 0);
    offset -= bits;
    out.push({ offset, bits });
  }
  return out;
}

/** The value of substring `s` of the hash (hi, lo), as an unsigned integer below 2^bits. */
export function substringValue(hi: number, lo: number, s: Substring): number {
  const { offset, bits } = s;
  const mask = bits === 32 ? 0xffffffff : (1 << bits) - 1;
  let v: number;
  if (offset >= 32) v = hi >>> (offset - 32);
  else if (offset + bits <= 32) v = lo >>> offset;
  else v = (lo >>> offset) | (hi << (32 - offset));
  return (v & mask) >>> 0;
}

/**
 * Which radius to search each substring at so that every hash within Hamming distance `radius` is found: with
 * radius = q·m + a (0 ≤ a < m), the first a+1 substrings at q and the others at q−1 (−1: skip). If every substring
 * differed by more, the total would be at least (a+1)(q+1) + (m−a−1)q = radius + 1. Norouzi et al., Prop. 2.
 */
export function substringRadii(radius: number, m: number): number[] {
  if (!Number.isInteger(radius) || radius < 0) throw new RangeError(`radius must be a non-negative integer, got ${radius}`);
  const q = Math.floor(radius / m);
  const a = radius - q * m;
  return Array.from({ length: m }, (_, i) => (i <= a ? q : q - 1));
}
