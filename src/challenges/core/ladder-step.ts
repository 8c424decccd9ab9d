import { createFreeLadder, freeLadderSubmit } from '../../stats/free-ladder.js';
import { createLadder, ladderSubmit } from '../../stats/ladder.js';
import type { LeaderboardMode } from './leaderboard-mode.js';
import { countOnes } from './split-correctness.js';

/** What a team's Ladder remembers between submissions (stored per phase and team). */
export interface LadderMemory {
  readonly rounds: number;
  /** Fixed-step Ladder: the last release as a multiple of η; null before round 1. */
  readonly steps: bigint | null;
  /** Parameter-free Ladder: the last release as an error count; null before round 1. */
  readonly releasedErrors: number | null;
  /** Parameter-free Ladder: the leader's correctness vector on the public split. */
  readonly leader: Uint8Array | null;
}

export const EMPTY_LADDER: LadderMemory = { rounds: 0, steps: null, releasedErrors: null, leader: null };

/** One released value: the loss (error rate) R_t the board shows for this submission. */
export interface LadderRelease {
  readonly round: number;
  readonly accepted: boolean;
  readonly released: number;
}

/**
 * Feeds one submission's public-split correctness vector to its team's Ladder and returns what is released and
 * the new memory. Delegates the decision to src/stats (exact integer arithmetic) so nothing here can round across
 * the threshold.
 */
export function ladderStep(mode: Exclude<LeaderboardMode, { kind: 'standard' }>, memory: LadderMemory, correct: Uint8Array): { memory: LadderMemory; release: LadderRelease } {
  const n = correct.length;
  if (mode.kind === 'ladder') {
    const state = { ...createLadder({ n, eta: mode.eta }), steps: memory.steps, rounds: memory.rounds };
    const { state: next, round } = ladderSubmit(state, n - countOnes(correct));
    return {
      memory: { ...memory, rounds: next.rounds, steps: next.steps },
      release: { round: round.round, accepted: round.accepted, released: round.released },
    };
  }
  const state = { ...createFreeLadder(n), leader: memory.leader, releasedErrors: memory.releasedErrors, rounds: memory.rounds };
  const { state: next, round } = freeLadderSubmit(state, correct);
  return {
    memory: { ...memory, rounds: next.rounds, releasedErrors: next.releasedErrors, leader: next.leader },
    release: { round: round.round, accepted: round.accepted, released: round.released },
  };
}
