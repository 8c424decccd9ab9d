import { EventEmitter } from 'node:events';
import type { JobQueue } from '../jobs/queue.js';
import type { Workspace } from '../store/workspace.js';
import type { ClassSet } from '../classes/class-set.js';
import type { TieFlag } from './core/board.js';
import type { ChallengeConfig } from './config/challenge-config.js';
import { createSubmissionPool, sharedSubmissionPool, type SubmissionPool } from './submission-pool.js';

/** What every challenge service needs: the workspace, a clock, an optional job queue and the immutable-data cache. */
export interface ChallengeEnv {
  /** Unique in this process: names this env's challenges in a pool shared by several envs (tests). */
  readonly id: number;
  readonly ws: Workspace;
  readonly now: () => Date;
  /** Scoring runs here when present (server); without one (CLI) it runs inline. */
  readonly jobs?: JobQueue;
  readonly cache: ChallengeCache;
  /** Emits a submission's id (as the event name) when its scoring ends, so waiting clients need not poll. */
  readonly scored: EventEmitter;
  /** Where uploads are parsed and submissions scored: worker threads (server) or this thread (CLI, `workers: 0`). */
  readonly pool: SubmissionPool;
}

/**
 * What never changes once a challenge exists (its image list and classes) and label sets by revision, so an upload
 * does not re-read 50,000 item rows. Keyed by challenge id; a rescore adds a revision, it never edits one. A restart
 * empties it; everything in it can be rebuilt from the store and the blobs.
 */
export interface ChallengeCache {
  /** Promises, not values: concurrent uploads to a cold cache share one load instead of each reading 50,000 rows. */
  readonly images: Map<number, Promise<{ readonly imageIds: readonly string[]; readonly classes: ClassSet }>>;
  readonly labels: Map<string, Promise<Int32Array>>;
  /** Guesses parsed at upload, by submission id, so the scoring job need not parse the file again (taken once). */
  readonly parsed: Map<number, Int32Array>;
  /** Unpacked correctness bits by `submission:split:revision` (immutable once stored), for the tie tests. */
  readonly bits: Map<string, Uint8Array>;
  /**
   * Tie tests of standard boards by `phase:split:revision:alpha`: flags by the board's ordered submission ids, and
   * McNemar p-values by `leader:row` submission ids (both immutable facts, never invalidated).
   */
  readonly ties: Map<string, { readonly boards: Map<string, readonly TieFlag[]>; readonly pairs: Map<string, number> }>;
  /**
   * Validated configs by challenge id with the stored JSON they came from: validation runs once per config text, not
   * per request (~2 ms each). A changed config_json (another server edited it) is validated again.
   */
  readonly configs: Map<number, { readonly json: string; readonly config: ChallengeConfig }>;
}

export interface ChallengeEnvOptions {
  readonly jobs?: JobQueue;
  readonly now?: () => Date;
  /**
   * Worker threads that parse uploads and score, started on first use and shared by every env of the process that
   * asks for the same number; default 0: everything in this thread.
   */
  readonly workers?: number;
}

let envs = 0;

export function challengeEnv(ws: Workspace, options: ChallengeEnvOptions = {}): ChallengeEnv {
  const scored = new EventEmitter();
  scored.setMaxListeners(0); // one listener per waiting request; many clients may wait at once
  return {
    id: ++envs, ws, now: options.now ?? (() => new Date()), ...(options.jobs ? { jobs: options.jobs } : {}),
    cache: { images: new Map(), labels: new Map(), parsed: new Map(), bits: new Map(), ties: new Map(), configs: new Map() }, scored,
    pool: options.workers ? sharedSubmissionPool(options.workers) : createSubmissionPool(0),
  };
}

/**
 * Resolves when the scoring of `submissionId` ends in this process, or after `ms`; `cancel` stops waiting. Register
 * before reading the submission's state, so an end between the read and the wait is not missed.
 */
export function waitForScoring(env: ChallengeEnv, submissionId: number, ms: number): { done: Promise<void>; cancel(): void } {
  let cancel = () => {};
  const done = new Promise<void>((resolve) => {
    const name = String(submissionId);
    const finish = () => {
      clearTimeout(timer);
      env.scored.off(name, finish);
      resolve();
    };
    const timer = setTimeout(finish, ms);
    env.scored.on(name, finish);
    cancel = finish;
  });
  return { done, cancel };
}
