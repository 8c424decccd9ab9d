import mt19937 from '@stdlib/random-base-mt19937';

/**
 * A seeded source of uniform randomness. Everything random in src/stats takes one of these,
 * so results are reproducible from a seed and tests can pin exact outputs.
 */
export interface Rng {
  /** A uniform double in [0, 1) with 53 random bits. */
  next(): number;
  /** A uniform integer in 0..n-1 (no modulo bias); n must be an integer in [1, 2^32]. */
  int(n: number): number;
}

const TWO_32 = 4294967296;
const TWO_26 = 67108864;
const TWO_53 = 9007199254740992;

/**
 * A {@link Rng} backed by the 32-bit Mersenne Twister (MT19937) from @stdlib.
 * Seeds are integers in [1, 2^32 − 1] (MT19937's own seeding rule, kept so a seed means the same
 * stream as in @stdlib); anything else throws a RangeError.
 *
 * @example
 * const rng = seededRng(42); rng.int(10) // → the same integer on every run
 */
export function seededRng(seed: number): Rng {
  if (!Number.isInteger(seed) || seed < 1 || seed > TWO_32 - 1) {
    throw new RangeError(`seed must be an integer between 1 and 4294967295, got ${seed}`);
  }
  const u32 = mt19937.factory({ seed });
  return {
    // genrand_res53: 27 + 26 bits from two draws, the standard MT19937 double (as in numpy's random_sample).
    next(): number {
      const a = u32() >>> 5;
      const b = u32() >>> 6;
      return (a * TWO_26 + b) / TWO_53;
    },
    int(n: number): number {
      if (!(n >= 1 && n <= TWO_32) || !Number.isInteger(n)) {
        throw new RangeError(`int(n) needs an integer n in [1, 2^32], got ${n}`);
      }
      // Rejection sampling: discard the top partial block of 2^32 so every residue is equally likely.
      const limit = TWO_32 - (TWO_32 % n);
      let u = u32();
      while (u >= limit) u = u32();
      return u % n;
    },
  };
}
