import { DelayedError, Job, Queue, QueueEvents, Worker, type JobType } from 'bullmq';
import type { JobContext, JobHandler, JobInfo, JobQueue, JobState } from './queue.js';
import { redisConnection } from './bullmq/redis-connection.js';
import { progressOf } from './bullmq/job-progress.js';
import { whileReconnecting } from './bullmq/while-reconnecting.js';

/** What a worker process reports about the jobs it runs (the `heldout worker` command prints these lines). */
export type WorkerEvent =
  | { readonly kind: 'active'; readonly id: string; readonly type: string; readonly attempt: number }
  | { readonly kind: 'completed'; readonly id: string; readonly type: string; readonly ms: number }
  | { readonly kind: 'failed'; readonly id: string; readonly type: string; readonly error: string; readonly willRetry: boolean }
  | { readonly kind: 'released'; readonly id: string; readonly type: string }
  | { readonly kind: 'error'; readonly error: string };

export interface ConsumeOptions {
  /** BullMQ queue names this process works on; all that have a registered handler when omitted. */
  readonly queues?: readonly string[];
  /** Jobs run at once per queue (default 1). */
  readonly concurrency?: number;
  /** A job whose worker stops renewing its lock for this long is stalled and handed to another worker (default 30 s). */
  readonly lockDurationMs?: number;
  /** On close, running jobs get this long to finish; then they are aborted and released to the queue (default 30 s). */
  readonly graceMs?: number;
  readonly onEvent?: (e: WorkerEvent) => void;
}

export interface BullmqQueueOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…`. */
  readonly url: string;
  /** Redis key prefix; deployments (and test runs) sharing one Redis use different prefixes. Default `heldout`. */
  readonly prefix?: string;
  /** The BullMQ queue a job type goes to; every type goes to `default` when omitted. */
  readonly route?: (type: string) => string;
  /** Queues `list()` reads besides those already used by this process (the server lists every known queue). */
  readonly listQueues?: readonly string[];
  /** Attempts per job, retried with exponential backoff from `backoffMs` (defaults 5 and 1000 ms). */
  readonly attempts?: number;
  readonly backoffMs?: number;
  /** Run registered handlers here (a worker); without it this process only enqueues and observes (a server). */
  readonly consume?: ConsumeOptions;
}

const LISTED: Record<'queued' | 'running' | 'succeeded' | 'failed', JobType[]> = {
  queued: ['waiting', 'prioritized', 'delayed', 'waiting-children'],
  running: ['active'],
  succeeded: ['completed'],
  failed: ['failed'],
};
const LIST_LIMIT = 100;

/**
 * The JobQueue on BullMQ over Redis: the server enqueues and observes (state, progress and results live in Redis, so
 * every server instance sees every job), workers on any machine consume. Job ids are `<queue>:<bullmq id>`. Retries
 * use exponential backoff; a worker killed mid-job stops renewing its lock, and BullMQ hands the job to another
 * worker, so handlers must be idempotent (see queue.ts).
 *
 * @example
 * const jobs = createBullmqQueue({ url: 'redis://127.0.0.1:6379', consume: { concurrency: 2 } });
 * jobs.register('double', async (n: number) => n * 2);
 * await jobs.wait(await jobs.enqueue('double', 21)); // 42
 */
export function createBullmqQueue(opts: BullmqQueueOptions): JobQueue {
  const connection = redisConnection(opts.url);
  const prefix = opts.prefix ?? 'heldout';
  const route = opts.route ?? (() => 'default');
  const consume = opts.consume;
  const handlers = new Map<string, JobHandler>();
  const queues = new Map<string, Queue>();
  const events = new Map<string, Promise<QueueEvents>>();
  const workers = new Map<string, Worker>();
  const abort = new AbortController();
  const emit = (e: WorkerEvent) => consume?.onEvent?.(e);

  const queueOf = (name: string): Queue => {
    let q = queues.get(name);
    if (!q) {
      q = new Queue(name, { connection, prefix });
      q.on('error', (err) => emit({ kind: 'error', error: err.message }));
      queues.set(name, q);
    }
    return q;
  };
  const eventsOf = (name: string): Promise<QueueEvents> => {
    let e = events.get(name);
    if (!e) {
      const qe = new QueueEvents(name, { connection, prefix });
      qe.setMaxListeners(0); // every pending wait() listens; many at once are normal, not a leak
      qe.on('error', (err) => emit({ kind: 'error', error: err.message }));
      e = qe.waitUntilReady().then(() => qe);
      events.set(name, e);
    }
    return e;
  };
  const split = (id: string): [string, string] => {
    const at = id.indexOf(':');
    if (at < 0) throw new Error(`unknown job ${id}`);
    return [id.slice(0, at), id.slice(at + 1)];
  };

  const process = async (job: Job, token?: string): Promise<unknown> => {
    const handler = handlers.get(job.name);
    if (!handler) throw new Error(`no handler registered for job type "${job.name}"`);
    const ctx: JobContext = {
      progress: (p) => void job.updateProgress({ ...p }).catch(() => {}),
      signal: abort.signal,
    };
    const data = job.data as { payload: unknown };
    try {
      return (await handler(data.payload, ctx)) ?? null;
    } catch (err) {
      if (abort.signal.aborted && token) {
        // Shutting down: give the job back without spending an attempt, so another worker starts it at once.
        await job.moveToDelayed(Date.now(), token);
        emit({ kind: 'released', id: `${job.queueName}:${job.id}`, type: job.name });
        throw new DelayedError();
      }
      throw err;
    }
  };

  const startWorker = (name: string) => {
    if (!consume || workers.has(name) || (consume.queues && !consume.queues.includes(name))) return;
    const lockDuration = consume.lockDurationMs ?? 30_000;
    const w = new Worker(name, process, {
      connection, prefix, concurrency: consume.concurrency ?? 1,
      lockDuration, stalledInterval: lockDuration, maxStalledCount: 3,
    });
    const started = new Map<string, number>();
    w.on('active', (job) => {
      started.set(job.id!, Date.now());
      emit({ kind: 'active', id: `${name}:${job.id}`, type: job.name, attempt: job.attemptsStarted });
    });
    w.on('completed', (job) => {
      emit({ kind: 'completed', id: `${name}:${job.id}`, type: job.name, ms: Date.now() - (started.get(job.id!) ?? Date.now()) });
      started.delete(job.id!);
    });
    w.on('failed', (job, err) => {
      if (!job || err instanceof DelayedError || err.name === 'DelayedError') return;
      started.delete(job.id!);
      const willRetry = job.attemptsMade < (job.opts.attempts ?? 1);
      emit({ kind: 'failed', id: `${name}:${job.id}`, type: job.name, error: err.message, willRetry });
    });
    w.on('error', (err) => emit({ kind: 'error', error: err.message }));
    workers.set(name, w);
  };

  const info = (job: Job, kind: JobState['kind']): JobInfo => {
    const data = job.data as { title?: string };
    const state: JobState =
      kind === 'running' ? { kind, ...(progressOf(job.progress) ? { progress: progressOf(job.progress)! } : {}) }
      : kind === 'succeeded' ? { kind, result: job.returnvalue }
      : kind === 'failed' ? { kind, error: job.failedReason ?? 'failed' }
      : { kind: 'queued' };
    return {
      id: `${job.queueName}:${job.id}`, type: job.name, title: data.title ?? job.name, state,
      createdAt: new Date(job.timestamp).toISOString(),
      ...(job.finishedOn ? { finishedAt: new Date(job.finishedOn).toISOString() } : {}),
    };
  };
  const kindOf = (s: string): JobState['kind'] =>
    s === 'active' ? 'running' : s === 'completed' ? 'succeeded' : s === 'failed' ? 'failed' : 'queued';

  return {
    register(type, handler) {
      handlers.set(type, handler as JobHandler);
      startWorker(route(type));
    },
    async enqueue(type, payload, o = {}) {
      const name = route(type);
      const job = await whileReconnecting(() => queueOf(name).add(type, { payload, title: o.title ?? type }, {
        attempts: opts.attempts ?? 5,
        backoff: { type: 'exponential', delay: opts.backoffMs ?? 1000 },
        removeOnComplete: { age: 7 * 24 * 3600, count: 5000 },
        removeOnFail: { age: 30 * 24 * 3600, count: 5000 },
        ...(o.key ? { deduplication: { id: o.key } } : {}),
      }));
      return `${name}:${job.id}`;
    },
    async get(id) {
      const [name, jobId] = split(id);
      return whileReconnecting(async () => {
        // State first: a job read before it finished would pair an old hash with a newer state.
        const state = await queueOf(name).getJobState(jobId);
        const job = await Job.fromId(queueOf(name), jobId);
        return job ? info(job, kindOf(state)) : undefined;
      });
    },
    async list() {
      const names = new Set([...(opts.listQueues ?? []), ...queues.keys(), ...workers.keys()]);
      const all: JobInfo[] = [];
      for (const name of names) {
        const q = queueOf(name);
        for (const [kind, types] of Object.entries(LISTED) as Array<[JobState['kind'], JobType[]]>) {
          for (const job of await whileReconnecting(() => q.getJobs(types, 0, LIST_LIMIT - 1))) if (job) all.push(info(job, kind));
        }
      }
      return all.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).slice(-LIST_LIMIT);
    },
    async wait(id) {
      // Events wake us early; the state check after subscribing (and every second) covers events missed while the
      // QueueEvents stream was still connecting.
      const [name, jobId] = split(id);
      const qe = await eventsOf(name);
      for (;;) {
        let wake = () => {};
        const woke = new Promise<void>((r) => (wake = r));
        const onEvent = (e: { jobId: string }) => e.jobId === jobId && wake();
        qe.on('completed', onEvent);
        qe.on('failed', onEvent);
        const timer = setTimeout(wake, 1000);
        try {
          const [job, state] = await whileReconnecting(async () => {
            const st = await queueOf(name).getJobState(jobId);
            return [await Job.fromId(queueOf(name), jobId), st] as const;
          });
          if (!job) throw new Error(`unknown job ${id}`);
          if (state === 'completed') return job.returnvalue;
          if (state === 'failed') throw new Error(job.failedReason ?? 'failed');
          await woke;
        } finally {
          clearTimeout(timer);
          qe.off('completed', onEvent);
          qe.off('failed', onEvent);
        }
      }
    },
    async close() {
      const timer = setTimeout(() => abort.abort(), consume?.graceMs ?? 30_000);
      try {
        await Promise.all([...workers.values()].map((w) => w.close()));
      } finally {
        clearTimeout(timer);
        abort.abort();
      }
      await Promise.all([...queues.values()].map((q) => q.close()));
      await Promise.all([...events.values()].map(async (e) => (await e).close()));
    },
  };
}
