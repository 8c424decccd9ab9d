import { afterAll, describe, expect, it } from 'vitest';
import { createBullmqQueue } from '../../src/jobs/bullmq-queue.js';
import type { JobQueue } from '../../src/jobs/queue.js';
import { queueContract } from './queue-contract.js';
import { dropPrefix, freshPrefix, REDIS_URL, redisCommand } from './redis-env.js';

const prefixes: string[] = [];
const fresh = () => {
  const p = freshPrefix();
  prefixes.push(p);
  return p;
};
afterAll(async () => {
  if (REDIS_URL) for (const p of prefixes) await dropPrefix(REDIS_URL, p);
});

queueContract('BullMQ', async () => createBullmqQueue({ url: REDIS_URL!, prefix: fresh(), backoffMs: 5, attempts: 2, consume: { concurrency: 2 } }), { skip: !REDIS_URL });

describe.skipIf(!REDIS_URL)('BullMQ queue', () => {
  const closeAll = async (...qs: JobQueue[]) => Promise.all(qs.map((q) => q.close()));

  it('retries a failing job with exponential backoff, then succeeds', async () => {
    const q = createBullmqQueue({ url: REDIS_URL!, prefix: fresh(), attempts: 4, backoffMs: 100, consume: {} });
    const at: number[] = [];
    q.register('flaky', async () => {
      at.push(Date.now());
      if (at.length < 3) throw new Error(`attempt ${at.length} failed`);
      return at.length;
    });
    const id = await q.enqueue('flaky', {});
    expect(await q.wait(id)).toBe(3);
    // Backoff doubles: ≥100 ms before the 2nd attempt, ≥200 ms before the 3rd.
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(90);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(190);
    await q.close();
  });

  it('fails a job once its attempts are spent', async () => {
    const q = createBullmqQueue({ url: REDIS_URL!, prefix: fresh(), attempts: 3, backoffMs: 10, consume: {} });
    let runs = 0;
    q.register('broken', async () => {
      runs++;
      throw new Error('always broken');
    });
    const id = await q.enqueue('broken', {});
    await expect(q.wait(id)).rejects.toThrow('always broken');
    expect(runs).toBe(3);
    expect((await q.get(id))?.state).toEqual({ kind: 'failed', error: 'always broken' });
    await q.close();
  });

  it('lets a producer-only queue (a server) see progress and results of jobs another process consumes', async () => {
    const prefix = fresh();
    const route = (t: string) => (t === 'score' ? 'scoring' : 'default');
    const server = createBullmqQueue({ url: REDIS_URL!, prefix, route, listQueues: ['scoring', 'default'] });
    const worker = createBullmqQueue({ url: REDIS_URL!, prefix, route, consume: { queues: ['scoring'] } });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    worker.register<{ n: number }>('score', async ({ n }, ctx) => {
      ctx.progress({ phase: 'scoring', done: n, total: 10 });
      await gate;
      return { scored: n };
    });
    server.register('score', async () => {
      throw new Error('a producer-only queue never runs handlers');
    });
    const id = await server.enqueue('score', { n: 3 }, { title: 'Scoring submission 3' });
    expect(id).toMatch(/^scoring:/);
    await expect.poll(async () => (await server.get(id))?.state, { timeout: 5000 }).toEqual({ kind: 'running', progress: { phase: 'scoring', done: 3, total: 10 } });
    expect((await server.list()).find((j) => j.id === id)?.title).toBe('Scoring submission 3');
    release();
    expect(await server.wait(id)).toEqual({ scored: 3 });
    await closeAll(server, worker);
  });

  it('runs up to `concurrency` jobs at once', async () => {
    const q = createBullmqQueue({ url: REDIS_URL!, prefix: fresh(), consume: { concurrency: 3 } });
    let now = 0;
    let peak = 0;
    q.register('busy', async () => {
      peak = Math.max(peak, ++now);
      await new Promise((r) => setTimeout(r, 150));
      now--;
      return null;
    });
    const ids = await Promise.all(Array.from({ length: 6 }, () => q.enqueue('busy', {})));
    await Promise.all(ids.map((id) => q.wait(id)));
    expect(peak).toBe(3);
    await q.close();
  });

  it('on close lets a running job finish, and releases one that outlives the grace period to another worker', async () => {
    const prefix = fresh();
    const a = createBullmqQueue({ url: REDIS_URL!, prefix, consume: { graceMs: 200 } });
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    let runs = 0;
    const handler = async (_p: unknown, ctx: { signal: AbortSignal }) => {
      runs++;
      started();
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(resolve, runs === 1 ? 60_000 : 10);
        ctx.signal.addEventListener('abort', () => {
          clearTimeout(t);
          reject(new Error('aborted'));
        });
      });
      return runs;
    };
    a.register('long', handler);
    const id = await a.enqueue('long', {});
    await running;
    await a.close(); // the 60 s job is aborted after 200 ms and given back, not failed
    const b = createBullmqQueue({ url: REDIS_URL!, prefix, consume: {} });
    b.register('long', handler);
    expect(await b.wait(id)).toBe(2);
    await b.close();
  });

  it('keeps working after Redis drops its client connections', async () => {
    const q = createBullmqQueue({ url: REDIS_URL!, prefix: fresh(), consume: {} });
    q.register<number>('inc', async (n) => n + 1);
    expect(await q.wait(await q.enqueue('inc', 1))).toBe(2);
    // Drops every normal client connection, ours included (the shared Redis stays up for other engineers' tests).
    await redisCommand(REDIS_URL!, 'CLIENT', ['KILL', 'TYPE', 'normal', 'SKIPME', 'yes']);
    await new Promise((r) => setTimeout(r, 200));
    const id = await q.enqueue('inc', 41);
    expect(await q.wait(id)).toBe(42);
    await q.close();
  }, 60_000);
});
