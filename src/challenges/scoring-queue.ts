import type { ChallengeEnv } from './challenge-env.js';
import { scoreSubmission } from './score-submission.js';

/** Job type of a submission's scoring on the JobQueue. */
export const SCORE_JOB = 'challenge-score';

/** Registers the scoring handler on the env's queue (idempotent per queue: registering again replaces it). */
export function registerScoring(env: ChallengeEnv): void {
  env.jobs?.register<{ submissionId: number }>(SCORE_JOB, async ({ submissionId }, ctx) => {
    ctx.progress({ phase: `scoring submission ${submissionId}`, done: 0, total: 1 });
    const state = await scoreSubmission(env, submissionId);
    ctx.progress({ phase: `scoring submission ${submissionId}`, done: 1, total: 1 });
    return { submissionId, state };
  });
}

/** Scores a submission on the queue (server), or right now when there is none (CLI); returns the job id if queued. */
export async function enqueueScoring(env: ChallengeEnv, submissionId: number): Promise<string | undefined> {
  if (!env.jobs) {
    await scoreSubmission(env, submissionId);
    return undefined;
  }
  // Keyed: server instances that requeue the same unfinished submission on start queue it once.
  return env.jobs.enqueue(SCORE_JOB, { submissionId }, { title: `Scoring submission ${submissionId}`, key: `${SCORE_JOB}:${submissionId}` });
}

/**
 * Requeues every submission left `submitted` or `running` (the process stopped, or was killed, while they waited or
 * ran). Scoring is idempotent and the charge was decided at upload, so a retry never charges twice.
 */
export async function resumeScoring(env: ChallengeEnv): Promise<number> {
  const stuck = await env.ws.store.listSubmissions({ states: ['submitted', 'running'] });
  for (const s of stuck) await enqueueScoring(env, s.id);
  return stuck.length;
}
