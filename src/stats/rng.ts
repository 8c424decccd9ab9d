import { Mt19937 } from './mt19937.js';

/**
 * A seeded source of uniform randomness. Everything random in src/stats takes one of these,
 * so results are reproducible from a seed and tests can pin exact outputs.
 */
export interface Rng {
  /** A uniform double in [0, 1) with 53 random bits. */
  next(): number;
  /** A uniform integer in 0..n-1 (no modulo bias); n must be an integer in [1, 2^32]. */
  int(n: number): number;
  /**
   * Optional bulk form of {@link Rng.int}: fills `out` with `out.length` draws of `int(n)`, exactly the
   * integers (and the same advance of the stream) that many `int(n)` calls would give. Use it through
   * {@link fillInts}, which falls back to `int(n)` for an Rng without it.
   */
  fillInts?(out: Uint32Array, n: number): void;
}

const TWO_32 = 4294967296;
const TWO_26 = 67108864;
const TWO_53 = 9007199254740992;

function checkBound(n: number): void {
  if (!(n >= 1 && n <= TWO_32) || !Number.isInteger(n)) {
    throw new RangeError(`int(n) needs an integer n in [1, 2^32], got ${n}`);
  }
}

/**
 * A {@link Rng} backed by the 32-bit Mersenne Twister (MT19937, see {@link Mt19937}): the same stream
 * as @stdlib's `random-base-mt19937` and numpy's `RandomState` for the same seed.
 * Seeds are integers in [1, 2^32 − 1] (MT19937's seeding rule in @stdlib, kept so a seed means the same
 * stream as there); anything else throws a RangeError.
 *
 * @example
 * const rng = seededRng(42); rng.int(10) // → the same integer on every run
 */
export function seededRng(seed: number): Rng {
  if (!Number.isInteger(seed) || seed < 1 || seed > TWO_32 - 1) {
    throw new RangeError(`seed must be an integer between 1 and 4294967295, got ${seed}`);
  }
  return new MtRng(new Mt19937(seed));
}

// A class rather than an object of closures: every Rng then shares one set of method functions, so V8's
// optimised callers see one call target however many generators exist.
class MtRng implements Rng {
  constructor(private readonly mt: Mt19937) {}

  // genrand_res53: 27 + 26 bits from two draws, the standard MT19937 double (as in numpy's random_sample).
  next(): number {
    const a = this.mt.uint32() >>> 5;
    const b = this.mt.uint32() >>> 6;
    return (a * TWO_26 + b) / TWO_53;
  }

  int(n: number): number {
    checkBound(n);
    return this.mt.below(n);
  }

  fillInts(out: Uint32Array, n: number): void {
    checkBound(n);
    this.mt.fillBelow(out, n);
  }
}

/**
 * Fills `out` with `out.length` draws of `rng.int(n)`, through the Rng's bulk path when it has one.
 * Either way the integers, and the state the Rng is left in, are the same.
 */
export function fillInts(rng: Rng, out: Uint32Array, n: number): void {
  if (rng.fillInts) {
    rng.fillInts(out, n);
    return;
  }
  for (let i = 0; i < out.length; i++) out[i] = rng.int(n);
}
