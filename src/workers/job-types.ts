import type { JobQueue } from '../jobs/queue.js';
import type { Workspace } from '../store/workspace.js';
import { challengeEnv } from '../challenges/challenge-env.js';
import { registerScoring, SCORE_JOB } from '../challenges/scoring-queue.js';
import { EVAL_SHARD_JOB, runEvaluationShard, type EvalShardPayload } from '../evaluate/evaluation-shards.js';
import { HASH_SHARD_JOB, runHashShard, type HashShardPayload } from '../collect/hash-shards.js';

/** The BullMQ queues jobs are routed to; `heldout worker --queues` picks among them. */
export const QUEUE_NAMES = ['scoring', 'evaluate', 'collect', 'default'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

interface JobType {
  /** The queue its jobs go to: workers subscribe per queue, so GPU machines can take `evaluate` only. */
  readonly queue: QueueName;
  readonly describe: string;
  /** Registers the handler on a queue, over a workspace. */
  readonly register: (jobs: JobQueue, ws: Workspace) => void;
}

/**
 * Every job type a worker can run, in one place for the in-process queue (server, CLI) and for `heldout worker`.
 * Each handler is idempotent: a job that runs twice (a retry after a crash) stores its result once.
 */
export const JOB_TYPES = {
  [SCORE_JOB]: {
    queue: 'scoring', describe: 'score a challenge submission (scores, Ladder state and final state in one transaction)',
    register: (jobs, ws) => registerScoring(challengeEnv(ws, { jobs })),
  },
  [EVAL_SHARD_JOB]: {
    queue: 'evaluate', describe: 'evaluate a model on a range of chunks of a split (stored chunks are skipped)',
    register: (jobs, ws) => jobs.register<EvalShardPayload>(EVAL_SHARD_JOB, (p, ctx) => runEvaluationShard(ws, p, { onProgress: ctx.progress, signal: ctx.signal })),
  },
  [HASH_SHARD_JOB]: {
    queue: 'collect', describe: 'hash a slice of reference images for near-duplicate search (stored hashes are skipped)',
    register: (jobs, ws) => jobs.register<HashShardPayload>(HASH_SHARD_JOB, (p, ctx) => runHashShard(ws, p, ctx.progress)),
  },
} as const satisfies Record<string, JobType>;
export type JobTypeName = keyof typeof JOB_TYPES;

/** The queue a job type goes to (`default` for types not listed here). */
export function queueOfJob(type: string): QueueName {
  return Object.hasOwn(JOB_TYPES, type) ? JOB_TYPES[type as JobTypeName].queue : 'default';
}

/** Registers every job type's handler (or those of `queues` only) on `jobs`. */
export function registerJobHandlers(jobs: JobQueue, ws: Workspace, queues?: readonly string[]): JobTypeName[] {
  const names = (Object.keys(JOB_TYPES) as JobTypeName[]).filter((t) => !queues || queues.includes(JOB_TYPES[t].queue));
  for (const t of names) JOB_TYPES[t].register(jobs, ws);
  return names;
}
