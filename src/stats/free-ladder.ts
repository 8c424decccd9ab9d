import { checkBinary, checkInteger } from './checks.js';

/** The parameter-free Ladder's state between submissions. Immutable. */
export interface FreeLadderState {
  /** Test-set size. */
  readonly n: number;
  /** The leader's correctness vector (1 = correct), or null before the first submission (R₀ = ∞). */
  readonly leader: Uint8Array | null;
  /** The released value R as an error count (R = releasedErrors / n); null while R = ∞. */
  readonly releasedErrors: number | null;
  readonly rounds: number;
}

/** One round of the parameter-free Ladder. */
export interface FreeLadderRound {
  readonly round: number;
  /** The submission's error count. */
  readonly errors: number;
  readonly loss: number;
  readonly accepted: boolean;
  /** R_t as an error count. */
  readonly releasedErrors: number;
  /** R_t = releasedErrors / n. */
  readonly released: number;
  /**
   * The sample standard deviation s (n − 1 denominator) of the per-item loss difference from the
   * leader, or of the loss itself in the first round. For display; the decision is made on integers.
   */
  readonly sd: number;
}

/** Starts a parameter-free Ladder on a test set of n ≥ 2 items (s needs n − 1 ≥ 1). */
export function createFreeLadder(n: number): FreeLadderState {
  checkInteger(n, 'n (test-set size)', 2);
  return { n, leader: null, releasedErrors: null, rounds: 0 };
}

/**
 * One round of the parameter-free Ladder (Blum & Hardt 2015, Algorithm 2; Ladder.jl's `FreeLadder`)
 * for 0/1 loss. `correct` is the submission's correctness vector (loss = 1 − correct). With d the
 * per-item loss difference to the leader and s its sample sd, the submission is accepted if
 * loss_t < R_{t−1} − s/√n, releasing R_t = [loss_t]_{1/n} = loss_t (a 0/1 loss is already a multiple
 * of 1/n) and becoming the leader; else R_t = R_{t−1}. The first submission is always accepted (R₀ = ∞).
 *
 * Exact form: with D = Σd (= errors_t − errors_leader) and Q = Σd² (= number of items where they
 * differ), (n − 1)s² = Q − D²/n, and the test is equivalent to D < 0 and D² > Q, all integers.
 */
export function freeLadderSubmit(state: FreeLadderState, correct: Uint8Array): { state: FreeLadderState; round: FreeLadderRound } {
  const { n } = state;
  if (correct.length !== n) throw new RangeError(`submission has ${correct.length} items, the test set has ${n}`);
  checkBinary(correct, 'correct');
  let errors = 0;
  let D = 0;
  let Q = 0;
  const leader = state.leader;
  for (let i = 0; i < n; i++) {
    const loss = 1 - correct[i]!;
    errors += loss;
    // Before any leader, d is the loss itself (Ladder.jl's first round: std of the loss vector).
    const d = leader === null ? loss : loss - (1 - leader[i]!);
    D += d;
    Q += d * d;
  }
  const accepted = leader === null || (D < 0 && D * D > Q);
  const sd = Math.sqrt(Math.max(0, (Q - (D * D) / n) / (n - 1)));
  const releasedErrors = accepted ? errors : state.releasedErrors!;
  const round = state.rounds + 1;
  return {
    state: { n, leader: accepted ? correct.slice() : leader, releasedErrors, rounds: round },
    round: { round, errors, loss: errors / n, accepted, releasedErrors, released: releasedErrors / n, sd },
  };
}

/** Runs the parameter-free Ladder over a sequence of correctness vectors, returning every round. */
export function runFreeLadder(submissions: readonly Uint8Array[], n: number): FreeLadderRound[] {
  let state = createFreeLadder(n);
  return submissions.map((c) => {
    const step = freeLadderSubmit(state, c);
    state = step.state;
    return step.round;
  });
}
