import { checkInteger } from './checks.js';
import { decimalToRational, rationalToNumber, type Rational } from './rational.js';

/** Options for the Ladder. */
export interface LadderOptions {
  /** Test-set size: losses are error counts out of n. */
  readonly n: number;
  /**
   * Step size η as a fraction of the test set, e.g. 0.01 (one percentage point). Read as the decimal
   * it prints as (see {@link decimalToRational}), so 0.01 is exactly 1/100, never 0.01000000000000000020….
   */
  readonly eta: number | string;
}

/** The Ladder's state between submissions. Immutable; each submission returns a new one. */
export interface LadderState {
  readonly n: number;
  readonly eta: Rational;
  /** The last released value as a multiple of η (R = steps · η); null before the first submission (R₀ = ∞). */
  readonly steps: bigint | null;
  /** Submissions seen so far. */
  readonly rounds: number;
}

/** What the Ladder tells the submitter in one round. */
export interface LadderRound {
  /** 1-based round number t. */
  readonly round: number;
  /** The submission's error count on the test set. */
  readonly errors: number;
  /** errors / n (the true loss; not shown to submitters). */
  readonly loss: number;
  /** Whether the release moved: loss_t < R_{t−1} − η. */
  readonly accepted: boolean;
  /** The released value R_t as an integer multiple of η. */
  readonly steps: number;
  /** R_t = steps · η as the nearest double (e.g. 0.45). */
  readonly released: number;
}

/** Starts a Ladder with R₀ = ∞. Throws RangeError unless n ≥ 1 is an integer and η > 0 is a decimal. */
export function createLadder(options: LadderOptions): LadderState {
  checkInteger(options.n, 'n (test-set size)', 1);
  const eta = decimalToRational(options.eta);
  if (eta.num === 0n) throw new RangeError(`eta must be > 0, got ${options.eta}`);
  return { n: options.n, eta, steps: null, rounds: 0 };
}

/**
 * One round of the Ladder (Blum & Hardt 2015, Algorithm 1), in exact integer arithmetic:
 * with loss_t = errors/n and η = p/q, release R_t = [loss_t]_η (nearest multiple of η, ties up)
 * if loss_t < R_{t−1} − η, else R_t = R_{t−1}; R₀ = ∞ so the first submission always releases.
 * With R_{t−1} = m·p/q the test is errors·q < (m − 1)·p·n and the rounding is
 * m_t = ⌊(2·errors·q + n·p) / (2·n·p)⌋, both over integers (BigInt), so no double rounding can move
 * a submission across the threshold (in doubles, 0.06 < 0.07 − 0.01 is true).
 */
export function ladderSubmit(state: LadderState, errors: number): { state: LadderState; round: LadderRound } {
  checkInteger(errors, 'errors', 0);
  if (errors > state.n) throw new RangeError(`errors (${errors}) must be ≤ n (${state.n})`);
  const { num: p, den: q } = state.eta;
  const e = BigInt(errors);
  const n = BigInt(state.n);
  const accepted = state.steps === null || e * q < (state.steps - 1n) * p * n;
  const steps = accepted ? (2n * e * q + n * p) / (2n * n * p) : state.steps!;
  const round = state.rounds + 1;
  return {
    state: { ...state, steps, rounds: round },
    round: {
      round, errors, loss: errors / state.n, accepted,
      steps: Number(steps), released: rationalToNumber({ num: steps * p, den: q }),
    },
  };
}

/** Runs the Ladder over a sequence of submissions' error counts, returning every round. */
export function runLadder(errorCounts: readonly number[], options: LadderOptions): LadderRound[] {
  let state = createLadder(options);
  return errorCounts.map((errors) => {
    const step = ladderSubmit(state, errors);
    state = step.state;
    return step.round;
  });
}
