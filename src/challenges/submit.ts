import type { SubmissionRow, TeamRow, UserRow } from '../store/areas/challenge-tables.js';
import { quotaRefusal, utcDayStart } from './core/quota.js';
import type { ChallengeEnv } from './challenge-env.js';
import { ChallengeError } from './challenge-error.js';
import { findPhase, isHostOf, phaseIsOpen, type LoadedChallenge } from './load-challenge.js';
import type { ParsedSubmission } from './parse-submission.js';
import { enqueueScoring } from './scoring-queue.js';
import { parseUpload } from './upload-parsing.js';

export interface SubmitInput {
  readonly user: UserRow;
  readonly bytes: Uint8Array;
  /** The name the client gave; only its sanitised base name is kept, and it is never used as a path. */
  readonly fileName: string;
  readonly phase?: string;
  readonly message?: string;
  /**
   * The upload already parsed while it arrived (see `beginParse`, with the sanitised file name); without it the
   * bytes are parsed here. Awaited only after the phase and size checks, so their errors come first.
   */
  readonly parsed?: Promise<ParsedSubmission>;
}

export interface SubmitResult {
  readonly submission: SubmissionRow;
  readonly duplicate: boolean;
  readonly notes: readonly string[];
}

/**
 * Accepts a team's upload: checks the phase is open, parses the file completely (a bad file is refused with the
 * first bad line, and nothing is stored), stores the bytes, then decides duplicate / quota and inserts the row in one
 * transaction with the team locked, so parallel uploads cannot overrun a quota; then queues the scoring.
 */
export async function submitPredictions(env: ChallengeEnv, c: LoadedChallenge, input: SubmitInput): Promise<SubmitResult> {
  const { store, blobs } = env.ws;
  const now = env.now();
  const team = await teamOfSubmitter(env, c, input.user);
  const phase = findPhase(c, input.phase, now);
  if (!phaseIsOpen(phase, now)) throw new ChallengeError(`phase ${phase.name} is not open for submissions (${phase.closed_at ? 'closed' : `open ${phase.starts_at} – ${phase.ends_at}`})`, 409);
  if (input.bytes.byteLength > c.config.maxUploadBytes) throw new ChallengeError(`upload is larger than ${c.config.maxUploadBytes} bytes`, 413);
  const fileName = safeFileName(input.fileName);
  const parsed = await (input.parsed ?? parseUpload(env, c, input.bytes, fileName));
  const sha256 = parsed.sha256;
  const message = (input.message ?? '').slice(0, 500);
  const base = {
    challenge_id: c.row.id, phase_id: phase.id, team_id: team.id, user_id: input.user.id, sha256, file_name: fileName,
    bytes: input.bytes.byteLength, format: parsed.format, is_baseline: 0, baseline_name: null, selected: 0, message, error: null,
    attempts: 0, created_at: now.toISOString(), started_at: null, finished_at: null,
  };
  // The bytes are stored first, so a committed row always has its blob, even if the process dies right after.
  // The parser hashed these very bytes on the way (in a worker thread), so the blob store need not hash them again.
  const put = await blobs.put(input.bytes, sha256);
  let result: { submission: SubmissionRow; duplicate: boolean };
  try {
    result = await store.transaction(async (tx) => {
      await tx.lockTeam(team.id);
      const earlier = await tx.findSubmissionByHash(team.id, phase.id, sha256);
      if (earlier) {
        const row = await tx.insertSubmission({ ...base, state: 'finished', duplicate_of: earlier.id, charged: 0, finished_at: now.toISOString() });
        return { submission: row, duplicate: true };
      }
      const refusal = quotaRefusal(await tx.submissionCounts(team.id, phase.id, utcDayStart(now)), {
        perDay: phase.quota_per_day, total: phase.quota_total, concurrent: phase.quota_concurrent,
      });
      if (refusal) throw new ChallengeError(`${refusal}; not stored`, 429);
      return { submission: await tx.insertSubmission({ ...base, state: 'submitted', duplicate_of: null, charged: 1 }), duplicate: false };
    });
  } catch (err) {
    // A refused upload leaves nothing behind, unless another submission already uses the same bytes.
    if (put.created && (await store.countSubmissionsWithHash(sha256)) === 0) await blobs.delete(sha256);
    throw err;
  }
  const { submission, duplicate } = result;
  if (!duplicate) {
    if (env.cache.parsed.size > 256) env.cache.parsed.clear(); // bounded: a miss only costs a re-parse
    env.cache.parsed.set(submission.id, parsed.guesses);
    await enqueueScoring(env, submission.id);
  }
  return { submission: (await store.findSubmission(submission.id)) ?? submission, duplicate, notes: parsed.notes };
}

/** The user's team, or a 403 saying why they cannot submit (checked before an upload is read, and again after). */
export async function teamOfSubmitter(env: ChallengeEnv, c: LoadedChallenge, user: UserRow): Promise<TeamRow> {
  const team = await env.ws.store.teamOfUser(c.row.id, user.id);
  if (!team) throw new ChallengeError(isHostOf(user, c) ? 'hosts of a challenge do not submit to it (add baselines to its config instead)' : `join or create a team of ${c.row.name} before submitting`, 403);
  return team;
}

/**
 * The base name of an upload with anything but letters, digits, `. _ -` replaced, at most 100 characters: what we
 * show and use for format detection. `../../etc/passwd` becomes `passwd`; nothing is ever written under this name.
 */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '').slice(-100);
  return clean === '' ? 'upload' : clean;
}
