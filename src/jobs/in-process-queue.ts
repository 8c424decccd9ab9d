import type { JobContext, JobHandler, JobInfo, JobQueue, JobState } from './queue.js';

interface Entry {
  info: JobInfo;
  payload: unknown;
  done: Promise<unknown>;
}

/**
 * Runs jobs in this process with bounded concurrency. Nothing survives a restart, which is fine for the embedded
 * default: every handler is idempotent and callers re-enqueue what is missing (the demo seeder checks the store).
 */
export function createInProcessQueue({ concurrency = 1 }: { concurrency?: number } = {}): JobQueue {
  const handlers = new Map<string, JobHandler>();
  const jobs = new Map<string, Entry>();
  const byKey = new Map<string, string>();
  const waiting: Array<() => void> = [];
  const abort = new AbortController();
  let running = 0;
  let seq = 0;

  const update = (e: Entry, state: JobState) => {
    const finished = state.kind === 'succeeded' || state.kind === 'failed';
    e.info = { ...e.info, state, ...(finished ? { finishedAt: new Date().toISOString() } : {}) };
  };

  const acquire = async () => {
    if (running >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
  };
  const release = () => {
    running--;
    waiting.shift()?.();
  };

  const run = async (e: Entry, handler: JobHandler): Promise<unknown> => {
    await acquire();
    try {
      update(e, { kind: 'running' });
      const ctx: JobContext = { progress: (p) => update(e, { kind: 'running', progress: p }), signal: abort.signal };
      const result = await handler(e.payload, ctx);
      update(e, { kind: 'succeeded', result });
      return result;
    } catch (err) {
      update(e, { kind: 'failed', error: err instanceof Error ? err.message : String(err) });
      throw err;
    } finally {
      release();
    }
  };

  return {
    register(type, handler) {
      handlers.set(type, handler as JobHandler);
    },
    async enqueue(type, payload, opts = {}) {
      const handler = handlers.get(type);
      if (!handler) throw new Error(`no handler registered for job type "${type}"`);
      const same = opts.key === undefined ? undefined : jobs.get(byKey.get(opts.key) ?? '');
      if (same && (same.info.state.kind === 'queued' || same.info.state.kind === 'running')) return same.info.id;
      const id = `job-${++seq}`;
      const entry: Entry = {
        info: { id, type, title: opts.title ?? type, state: { kind: 'queued' }, createdAt: new Date().toISOString() },
        payload,
        done: Promise.resolve(),
      };
      jobs.set(id, entry);
      if (opts.key !== undefined) byKey.set(opts.key, id);
      entry.done = run(entry, handler);
      // Failures are recorded in the job's state; callers who care use wait().
      entry.done.catch(() => {});
      return id;
    },
    async get(id) {
      return jobs.get(id)?.info;
    },
    async list() {
      return [...jobs.values()].map((e) => e.info);
    },
    async wait(id) {
      const e = jobs.get(id);
      if (!e) throw new Error(`unknown job ${id}`);
      return e.done;
    },
    async close() {
      abort.abort();
      await Promise.allSettled([...jobs.values()].map((e) => e.done));
    },
  };
}
