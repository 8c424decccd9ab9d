import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDataset } from '../../src/datasets/import-dataset.js';
import { DEMO_POOL, seedCollect } from '../../src/demo/seed-collect.js';
import { createApp } from '../../src/server/app.js';
import { createInProcessQueue } from '../../src/jobs/in-process-queue.js';
import { makeIdx, writeTree } from '../helpers/images.js';
import { tempWorkspace, workspaceCounts, type TempWorkspace } from '../helpers/temp-workspace.js';

let t: TempWorkspace;

beforeAll(async () => {
  t = await tempWorkspace();
  // A miniature of the demo dataset: the same generator makes image i of `pool` identical to image i of `test`.
  const labels = Array.from({ length: 250 }, (_, i) => i % 10);
  const idx = makeIdx(labels);
  await writeTree(t.scratch, { 'img.idx': idx.images, 'lab.idx': idx.labels });
  for (const [split, hidden] of [['test', true], ['pool', false]] as const) {
    await importDataset(t.ws, { layout: 'idx', dataset: 'mini', split, hidden, classes: 'fashion-mnist', classMap: 'fashion-mnist', images: `${t.scratch}/img.idx`, labels: `${t.scratch}/lab.idx` });
  }
}, 60_000);
afterAll(() => t.cleanup());

describe('collect demo seeding', () => {
  it('ingests pool images as candidates and leaves a review queue, once', async () => {
    const first = await seedCollect(t.ws, 'mini');
    expect(first).toMatchObject({ pool: DEMO_POOL, seeded: true, accepted: 200 });
    expect(first.pairs).toBeGreaterThanOrEqual(200);
    const counts = await workspaceCounts(t.ws);
    expect(await seedCollect(t.ws, 'mini')).toMatchObject({ seeded: false, accepted: 200, pairs: first.pairs });
    expect(await workspaceCounts(t.ws)).toEqual(counts);
    const app = createApp({ ws: t.ws, jobs: createInProcessQueue() });
    const page = await (await app.request(`/collect/pools/${DEMO_POOL}/review`)).text();
    expect(page).toContain(`0 of ${first.pairs}</strong> pairs decided`);
    expect(page).toContain('class="pair"');
  });

  it('does nothing in a workspace without the demo dataset', async () => {
    const empty = await tempWorkspace();
    try {
      expect(await seedCollect(empty.ws, 'mini')).toEqual({ pool: DEMO_POOL, seeded: false, accepted: 0, pairs: 0 });
      expect(await empty.ws.store.listPools()).toEqual([]);
    } finally {
      await empty.cleanup();
    }
  });
});
