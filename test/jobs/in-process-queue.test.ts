import { describe, expect, it } from 'vitest';
import { createInProcessQueue } from '../../src/jobs/in-process-queue.js';

describe('in-process job queue', () => {
  it('runs jobs, records progress and results, and reports failures', async () => {
    const q = createInProcessQueue({ concurrency: 1 });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    q.register<{ n: number }>('double', async ({ n }, ctx) => {
      ctx.progress({ phase: 'work', done: 1, total: 2 });
      await gate;
      return n * 2;
    });
    q.register('fail', async () => { throw new Error('nope'); });
    const a = await q.enqueue('double', { n: 21 }, { title: 'double 21' });
    const b = await q.enqueue('fail', {});
    await new Promise((r) => setTimeout(r, 10));
    expect((await q.get(a))?.state).toEqual({ kind: 'running', progress: { phase: 'work', done: 1, total: 2 } });
    expect((await q.get(b))?.state.kind).toBe('queued');
    release();
    expect(await q.wait(a)).toBe(42);
    await expect(q.wait(b)).rejects.toThrow('nope');
    expect((await q.get(b))?.state).toEqual({ kind: 'failed', error: 'nope' });
    await expect(q.enqueue('missing', {})).rejects.toThrow('no handler');
    await q.close();
  });
});
