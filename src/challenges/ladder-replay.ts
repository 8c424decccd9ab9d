import type { LadderReleaseRow, LadderStateRow, PhaseRow, SubmissionRow } from '../store/areas/challenge-tables.js';
import type { Store } from '../store/store.js';
import { EMPTY_LADDER, ladderStep, type LadderMemory } from './core/ladder-step.js';
import { modeOfPhase } from './core/leaderboard-mode.js';
import type { ChallengeEnv } from './challenge-env.js';
import { unpackBits } from './correct-bits.js';
import type { LoadedChallenge } from './load-challenge.js';

/** What a replay did, per Ladder phase. */
export interface LadderReplay {
  readonly phase: string;
  readonly teams: number;
  /** Submissions fed, in submission order. */
  readonly rounds: number;
  /** Rounds whose released value moved. */
  readonly accepted: number;
}

/**
 * Replays the Ladder of every Ladder-mode phase at label revision `revision` (after a rescore): each team's
 * finished submissions are fed again in submission order (created_at, then id) with their public correctness at that
 * revision, and the phase's Ladder states and releases are replaced by the replayed ones, in one transaction per
 * phase. A release depends on every earlier one of the team (the Ladder releases a value only when it beats the last
 * release by more than η), so fixing labels means re-running the whole history, not rescoring each submission.
 * Submissions without a public score at `revision` (their rescore failed) are left out of the replay.
 */
export async function replayLadders(env: ChallengeEnv, c: LoadedChallenge, revision: number, now: Date): Promise<LadderReplay[]> {
  const out: LadderReplay[] = [];
  for (const phase of c.phases) {
    if (modeOfPhase(phase).kind === 'standard') continue;
    out.push(await env.ws.store.transaction((tx) => replayPhase(tx, phase, revision, now)));
  }
  return out;
}

async function replayPhase(tx: Store, phase: PhaseRow, revision: number, now: Date): Promise<LadderReplay> {
  const mode = modeOfPhase(phase);
  if (mode.kind === 'standard') throw new Error(`phase ${phase.name} has no Ladder`);
  const subs = (await tx.listSubmissions({ phaseId: phase.id, states: ['finished'] }))
    .filter((s) => s.duplicate_of === null && s.is_baseline === 0 && s.team_id !== null);
  const scores = new Map((await tx.listScores({ phaseId: phase.id, split: 'public', revision, withBits: true, perClass: false }))
    .map((s) => [s.submission_id, s]));
  const teams = new Map<number, { memory: LadderMemory; leader: number | null }>();
  const releases: LadderReleaseRow[] = [];
  let accepted = 0;
  for (const sub of replayOrder(subs)) {
    const score = scores.get(sub.id);
    if (!score?.correct_bits) continue;
    const team = teams.get(sub.team_id!) ?? { memory: EMPTY_LADDER, leader: null };
    const { memory, release } = ladderStep(mode, team.memory, unpackBits(score.correct_bits, score.n));
    teams.set(sub.team_id!, { memory, leader: mode.kind === 'ladder-free' && release.accepted ? sub.id : team.leader });
    releases.push({ submission_id: sub.id, round: release.round, accepted: release.accepted ? 1 : 0, released: release.released, n: score.n, created_at: now.toISOString() });
    if (release.accepted) accepted++;
  }
  await tx.clearLadder(phase.id);
  for (const [teamId, { memory, leader }] of teams) {
    const state: LadderStateRow = {
      phase_id: phase.id, team_id: teamId, rounds: memory.rounds, steps: memory.steps === null ? null : String(memory.steps),
      released_errors: memory.releasedErrors, leader_submission_id: leader, updated_at: now.toISOString(),
    };
    await tx.putLadderState(state);
  }
  for (const r of releases) await tx.addLadderRelease(r);
  return { phase: phase.name, teams: teams.size, rounds: releases.length, accepted };
}

/** Submission order: the order in which a replay feeds a phase's submissions. */
export function replayOrder(subs: readonly SubmissionRow[]): SubmissionRow[] {
  return [...subs].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id);
}
