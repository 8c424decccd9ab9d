import type { Store } from '../store/store.js';
import type { NewScore, PhaseRow, SubmissionRow } from '../store/areas/challenge-tables.js';
import { proportion } from '../score/core/proportion.js';
import { modeOfPhase } from './core/leaderboard-mode.js';
import { EMPTY_LADDER, ladderStep, type LadderMemory } from './core/ladder-step.js';
import type { ChallengeEnv } from './challenge-env.js';
import { ChallengeError } from './challenge-error.js';
import { challengeLabels, loadChallengeRow, type LoadedChallenge } from './load-challenge.js';
import { codeRevision } from './code-revision.js';
import { unpackBits } from './correct-bits.js';
import { parseUpload } from './upload-parsing.js';
import type { StoredSplit } from './stored-splits.js';

/** Recorded with every score; bump when the scoring semantics change. */
export const SCORER_VERSION = 'heldout-challenge-scorer/1';

/**
 * Scores one submission on its phase's public and private boards and, in Ladder modes, feeds its team's Ladder.
 * Idempotent: a submission already finished or failed is left alone, and scores, Ladder state and the final state are
 * written in one transaction, so a crash at any point leaves either nothing (the job is retried) or everything.
 * A failed submission is uncharged; its error says what was wrong with the file, never anything about the labels.
 */
export async function scoreSubmission(env: ChallengeEnv, submissionId: number): Promise<SubmissionRow['state'] | 'skipped'> {
  const state = await scoreOnce(env, submissionId);
  if (state !== 'skipped') env.scored.emit(String(submissionId));
  return state;
}

async function scoreOnce(env: ChallengeEnv, submissionId: number): Promise<SubmissionRow['state'] | 'skipped'> {
  const { store } = env.ws;
  const sub = await store.findSubmission(submissionId);
  if (!sub || sub.state === 'finished' || sub.state === 'failed' || sub.duplicate_of !== null) return 'skipped';
  // Conditional updates: a second run of the same job (a requeue racing the original) can neither revive a finished
  // submission nor fail one that the other run finished.
  if (!(await store.updateSubmissionIf(sub.id, ['submitted', 'running'], { state: 'running', attempts: sub.attempts + 1, started_at: env.now().toISOString() }))) return 'skipped';
  try {
    const row = await store.findChallenge({ id: sub.challenge_id });
    const phase = await store.findPhase(sub.phase_id);
    if (!row || !phase) throw new Error(`submission ${sub.id} refers to a missing challenge or phase`);
    const c = await loadChallengeRow(env, row);
    const scores = await computeScores(env, c, phase, sub);
    const done = await store.transaction(async (tx) => {
      const now = await tx.findSubmission(sub.id);
      if (now?.state !== 'running') return false; // another run finished it first
      await tx.insertScores(scoreRows(c, sub, scores.labelHash, scores.splits, c.row.revision, env.now()));
      const mode = modeOfPhase(phase);
      if (mode.kind !== 'standard' && sub.team_id !== null) {
        const pub = scores.splits.find((s) => s.split === 'public')!;
        await feedLadder(tx, mode, phase, sub, pub.bits, env.now());
      }
      await tx.updateSubmission(sub.id, { state: 'finished', error: null, finished_at: env.now().toISOString() });
      return true;
    });
    return done ? 'finished' : 'skipped';
  } catch (err) {
    const message = err instanceof ChallengeError
      ? err.message
      : `internal error while scoring (the host can rescore): ${err instanceof Error ? err.message.split('\n')[0]!.slice(0, 200) : 'unknown'}`;
    const failed = await store.updateSubmissionIf(sub.id, ['running'], { state: 'failed', charged: 0, error: message, finished_at: env.now().toISOString() });
    return failed ? 'failed' : 'skipped';
  }
}

/** Scores a submission's guesses (parsed at upload, or from the stored bytes) against a revision's labels. */
export async function computeScores(env: ChallengeEnv, c: LoadedChallenge, phase: PhaseRow, sub: SubmissionRow, revision = c.row.revision): Promise<{ labelHash: string; splits: StoredSplit[] }> {
  const { labels, hash } = await challengeLabels(env, c, revision);
  let guesses = env.cache.parsed.get(sub.id);
  env.cache.parsed.delete(sub.id);
  if (!guesses) {
    const bytes = await env.ws.blobs.get(sub.sha256);
    guesses = (await parseUpload(env, c, bytes, sub.file_name)).guesses;
  }
  return { labelHash: hash, splits: await env.pool.score(labels, guesses, c.metric.k, phase.assignment) };
}

/** Score rows with their provenance: scorer version, label-set hash, submission hash, code revision, date. */
export function scoreRows(c: LoadedChallenge, sub: SubmissionRow, labelHash: string, splits: readonly StoredSplit[], revision: number, now: Date): NewScore[] {
  return splits.filter((s) => s.n > 0).map((s) => {
    const p = proportion(s.correct, s.n, c.config.interval);
    return {
      submission_id: sub.id, split: s.split, revision, scorer_version: SCORER_VERSION, k: c.metric.k,
      correct: s.correct, n: s.n, accuracy: p.accuracy, ci_lower: p.ci[0], ci_upper: p.ci[1],
      label_hash: labelHash, submission_hash: sub.sha256, git_revision: codeRevision(),
      correct_bits: s.packedBits, per_class_json: s.perClassJson, created_at: now.toISOString(),
    };
  });
}

async function feedLadder(tx: Store, mode: Parameters<typeof ladderStep>[0], phase: PhaseRow, sub: SubmissionRow, bits: Uint8Array, now: Date): Promise<void> {
  const teamId = sub.team_id!;
  const state = await tx.ladderState(phase.id, teamId);
  let memory: LadderMemory = EMPTY_LADDER;
  if (state) {
    let leader: Uint8Array | null = null;
    if (state.leader_submission_id !== null) {
      const rows = await tx.listScores({ submissionIds: [state.leader_submission_id], split: 'public', withBits: true });
      const latest = rows.sort((a, b) => b.revision - a.revision)[0];
      if (latest?.correct_bits !== undefined) leader = unpackBits(latest.correct_bits, latest.n);
    }
    memory = { rounds: state.rounds, steps: state.steps === null ? null : BigInt(state.steps), releasedErrors: state.released_errors, leader };
  }
  const { memory: next, release } = ladderStep(mode, memory, bits);
  await tx.putLadderState({
    phase_id: phase.id, team_id: teamId, rounds: next.rounds, steps: next.steps === null ? null : String(next.steps),
    released_errors: next.releasedErrors,
    leader_submission_id: mode.kind === 'ladder-free' && release.accepted ? sub.id : (state?.leader_submission_id ?? null),
    updated_at: now.toISOString(),
  });
  await tx.addLadderRelease({ submission_id: sub.id, round: release.round, accepted: release.accepted ? 1 : 0, released: release.released, n: bits.length, created_at: now.toISOString() });
}
