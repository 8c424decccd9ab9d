import { afterEach, describe, expect, it } from 'vitest';
import type { JobQueue } from '../../src/jobs/queue.js';

/**
 * What every JobQueue backend must do, run against each one (in-process always, BullMQ when HELDOUT_REDIS_URL is set).
 * `make` returns a queue that also consumes jobs, with fast retries (a few ms of backoff).
 */
export function queueContract(name: string, make: () => Promise<JobQueue>, opts: { skip?: boolean } = {}): void {
  describe.skipIf(opts.skip === true)(`JobQueue contract: ${name}`, () => {
    const open: JobQueue[] = [];
    const queue = async () => {
      const q = await make();
      open.push(q);
      return q;
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((q) => q.close()));
    });

    it('runs a job and returns its result through wait, get and list', async () => {
      const q = await queue();
      q.register<{ n: number }>('double', async ({ n }) => n * 2);
      const id = await q.enqueue('double', { n: 21 }, { title: 'double 21' });
      expect(await q.wait(id)).toBe(42);
      const info = await q.get(id);
      expect(info).toMatchObject({ id, type: 'double', title: 'double 21', state: { kind: 'succeeded', result: 42 } });
      expect(Date.parse(info!.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(info!.createdAt));
      expect((await q.list()).map((j) => j.id)).toContain(id);
    });

    it('shows progress while a job runs', async () => {
      const q = await queue();
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let reported!: () => void;
      const progressed = new Promise<void>((r) => (reported = r));
      q.register('slow', async (_p, ctx) => {
        ctx.progress({ phase: 'work', done: 1, total: 2 });
        reported();
        await gate;
        return 'ok';
      });
      const id = await q.enqueue('slow', {});
      await progressed;
      await expect.poll(async () => (await q.get(id))?.state, { timeout: 5000 }).toEqual({ kind: 'running', progress: { phase: 'work', done: 1, total: 2 } });
      expect((await q.list()).find((j) => j.id === id)?.state.kind).toBe('running');
      release();
      expect(await q.wait(id)).toBe('ok');
    });

    it('reports a failure through wait and get', async () => {
      const q = await queue();
      q.register('fail', async () => {
        throw new Error('nope');
      });
      const id = await q.enqueue('fail', {});
      await expect(q.wait(id)).rejects.toThrow('nope');
      expect((await q.get(id))?.state).toEqual({ kind: 'failed', error: 'nope' });
    });

    it('queues a keyed job once while it is unfinished', async () => {
      const q = await queue();
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let runs = 0;
      q.register('keyed', async () => {
        runs++;
        await gate;
        return runs;
      });
      const a = await q.enqueue('keyed', {}, { key: 'same' });
      const b = await q.enqueue('keyed', {}, { key: 'same' });
      expect(b).toBe(a);
      release();
      await q.wait(a);
      expect(runs).toBe(1);
    });

    it('answers get for an unknown id with undefined', async () => {
      const q = await queue();
      q.register('noop', async () => null);
      const id = await q.enqueue('noop', {});
      await q.wait(id);
      expect(await q.get(`${id}999`)).toBeUndefined();
    });
  });
}
