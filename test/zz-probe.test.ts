import { it } from 'vitest';
import { createBullmqQueue } from '../src/jobs/bullmq-queue.js';
it('probe', async () => {
  for (let i = 0; i < 8; i++) {
    const q = createBullmqQueue({ url: 'redis://127.0.0.1:6379', prefix: 'probe' + Math.random().toString(36).slice(2), backoffMs: 5, attempts: 2, consume: { concurrency: 2 } });
    q.register('noop', async () => null);
    const id = await q.enqueue('noop', {});
    await q.wait(id);
    await q.get(id + '999');
    const t = Date.now();
    await q.close();
    console.log('closed', i, Date.now() - t);
  }
}, 60000);
