import type { Progress } from '../progress.js';

/** A job's state, as a discriminated union so every consumer handles each case. */
export type JobState =
  | { readonly kind: 'queued' }
  | { readonly kind: 'running'; readonly progress?: Progress }
  | { readonly kind: 'succeeded'; readonly result: unknown }
  | { readonly kind: 'failed'; readonly error: string };

export interface JobInfo {
  readonly id: string;
  readonly type: string;
  readonly title: string;
  readonly state: JobState;
  readonly createdAt: string;
  readonly finishedAt?: string;
}

export interface JobContext {
  /** Reports progress; the server's status pages show the latest value. */
  progress(p: Progress): void;
  /** Aborted on shutdown; long handlers should check it between steps. */
  readonly signal: AbortSignal;
}

export type JobHandler<P = unknown> = (payload: P, ctx: JobContext) => Promise<unknown>;

/**
 * One queue interface for every job (scoring, evaluation shards, hashing, reports, demo seeding).
 * Backends: in-process (default, this folder) and BullMQ on Redis (scale-out). Handlers must be idempotent: a job
 * may run twice after a crash, and must then store its result once.
 */
export interface JobQueue {
  register<P>(type: string, handler: JobHandler<P>): void;
  /**
   * Queues a job. `key` deduplicates: while a job with the same key is queued or running, enqueueing it again returns
   * nothing new (two server instances requeueing the same submission on start queue it once).
   */
  enqueue<P>(type: string, payload: P, opts?: { title?: string; key?: string }): Promise<string>;
  get(id: string): Promise<JobInfo | undefined>;
  list(): Promise<JobInfo[]>;
  /** Resolves when the job has finished; rejects with its error if it failed. */
  wait(id: string): Promise<unknown>;
  close(): Promise<void>;
}
