// MT19937 (Matsumoto & Nishimura 1998) on typed arrays. It replaces @stdlib's generator in the hot path:
// there each output costs a closure call and a round trip of the state index through the state array, and
// the bootstrap draws millions of them. Output is the same stream, bit for bit (tests pin it against
// @stdlib and numpy).

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df | 0;
const UPPER = 0x80000000 | 0;
const LOWER = 0x7fffffff;
const TWO_32 = 4294967296;

/**
 * The 32-bit Mersenne Twister seeded with `init_genrand(seed)`: the same outputs as
 * `@stdlib/random-base-mt19937` `factory({ seed })` and numpy's `RandomState(seed)` for an integer seed.
 * Outputs are made a block of 624 at a time (one twist, then tempering), so bulk readers such as
 * {@link Mt19937.fillBelow} run over a typed array instead of calling a function per number.
 * The seed is taken modulo 2³²; callers validate it.
 *
 * @example
 * const g = new Mt19937(5489); g.uint32() // → 3499211612, the reference implementation's first output
 */
export class Mt19937 {
  /** This generator's 624 state words; stale while it is `liveOwner` (LIVE holds them then). */
  private readonly state = new Int32Array(N);
  /** Tempered outputs of the current block, as int32 bit patterns; `pos` is the next unread one. */
  private readonly block = new Int32Array(N);
  private pos = N;

  constructor(seed: number) {
    const mt = this.state;
    mt[0] = seed | 0;
    for (let i = 1; i < N; i++) {
      const s = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = (Math.imul(s, 1812433253) + i) | 0;
    }
  }

  /** The next output, an integer in [0, 2³²). */
  uint32(): number {
    if (this.pos === N) this.refill();
    return this.block[this.pos++]! >>> 0;
  }

  /**
   * A uniform integer in 0..n−1 for an integer n in [1, 2³²] (unchecked): one output u, redrawn while
   * u ≥ 2³² − (2³² mod n), then u mod n. The rejection removes modulo bias; for n = 300 it redraws
   * with probability 196/2³² ≈ 5e-8.
   */
  below(n: number): number {
    const limit = TWO_32 - (TWO_32 % n);
    let u = this.uint32();
    while (u >= limit) u = this.uint32();
    return u % n;
  }

  /**
   * Fills `out` with `out.length` draws of {@link Mt19937.below}(n): the same integers, consuming the
   * same outputs, as that many single calls. n must be an integer in [1, 2³²] (unchecked).
   */
  fillBelow(out: Uint32Array, n: number): void {
    const limit = TWO_32 - (TWO_32 % n);
    const m = n >>> 0; // typed as uint32 so that `u % m` compiles to an integer remainder (0 for n = 2³²)
    const block = this.block;
    const len = out.length;
    let k = 0;
    let p = this.pos; // locals, not fields, in the loop: V8 keeps them in registers
    while (k < len) {
      if (p === N) {
        this.refill();
        p = 0;
      }
      const end = Math.min(N, p + (len - k));
      if (m === 0) {
        for (; p < end; p++) out[k++] = block[p]! >>> 0;
      } else {
        for (; p < end; p++) {
          const u = block[p]! >>> 0;
          if (u < limit) out[k++] = u % m;
        }
      }
    }
    this.pos = p;
  }

  /** Twists the state and tempers all 624 next outputs into `block`. */
  private refill(): void {
    if (liveOwner !== this.state) {
      liveOwner?.set(LIVE);
      LIVE.set(this.state);
      liveOwner = this.state;
    }
    twistLive();
    this.block.set(TEMPERED);
    this.pos = 0;
  }
}

// The twist runs on module-level arrays, not on the instance's: V8 then knows their length and address as
// constants and drops the bounds checks, which made the whole bootstrap ~10% faster (measured). LIVE holds
// the state of the generator that refilled last, whose own state array is `liveOwner`; another
// generator's refill first saves LIVE back into that array. The hand-over happens at most once per 624
// outputs, so interleaved generators stay cheap, and each generator still sees only its own stream.
const LIVE = new Int32Array(N);
const TEMPERED = new Int32Array(N);
let liveOwner: Int32Array | undefined;

/** One MT19937 twist of LIVE, then its tempered outputs into TEMPERED. */
function twistLive(): void {
  const mt = LIVE;
  const out = TEMPERED;
  // Three loops so that no index needs a wrap-around test: i + M stays in range up to N − M, i + M − N after.
  let i = 0;
  for (; i < N - M; i++) {
    const y = (mt[i]! & UPPER) | (mt[i + 1]! & LOWER);
    mt[i] = mt[i + M]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
  }
  for (; i < N - 1; i++) {
    const y = (mt[i]! & UPPER) | (mt[i + 1]! & LOWER);
    mt[i] = mt[i + M - N]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
  }
  const y = (mt[N - 1]! & UPPER) | (mt[0]! & LOWER);
  mt[N - 1] = mt[M - 1]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
  // Tempering improves the equidistribution of the raw state words.
  for (let j = 0; j < N; j++) {
    let r = mt[j]!;
    r ^= r >>> 11;
    r ^= (r << 7) & 0x9d2c5680;
    r ^= (r << 15) & 0xefc60000;
    out[j] = r ^ (r >>> 18);
  }
}
