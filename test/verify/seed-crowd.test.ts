import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { importDataset } from '../../src/datasets/import-dataset.js';
import { makeIdx, writeTree } from '../helpers/images.js';
import { createApp } from '../../src/server/app.js';
import { createInProcessQueue } from '../../src/jobs/in-process-queue.js';
import { DEMO_CROWD_PROJECT, seedCrowdDemo } from '../../src/demo/seed-crowd.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';

let t: TempWorkspace;

beforeAll(async () => {
  t = await tempWorkspace();
  // A small stand-in for the demo dataset, shaped as seed-demo.ts imports it: Fashion-MNIST classes, a hidden test
  // split and a visible pool (60 per class, of which the demo project takes 50). Pixels differ per split and index.
  for (const [split, hidden, perClass] of [['test', true, 6], ['pool', false, 60]] as const) {
    const labels = Array.from({ length: perClass * 10 }, (_, i) => i % 10);
    // Different sizes per split, so no test image is byte-identical to a pool image.
    const idx = split === 'test' ? makeIdx(labels, 8, 8) : makeIdx(labels, 9, 9);
    const images = idx.images;
    const dir = path.join(t.scratch, split);
    await writeTree(dir, { 'images.idx': images, 'labels.idx': idx.labels });
    await importDataset(t.ws, {
      layout: 'idx', dataset: 'fashion-mnist', split, classes: 'fashion-mnist', hidden, classMap: 'fashion-mnist',
      images: path.join(dir, 'images.idx'), labels: path.join(dir, 'labels.idx'),
    });
  }
}, 120_000);
afterAll(() => t.cleanup());

describe('crowd demo', () => {
  it('seeds a labeling project with simulated votes, idempotently, and leaves slots for visitors', async () => {
    const t0 = performance.now();
    const first = await seedCrowdDemo(t.ws);
    console.log(`seedCrowdDemo: ${(performance.now() - t0).toFixed(0)} ms (${first.tasks} tasks, ${first.simulatedSubmits} simulated submits)`);
    expect(first).toMatchObject({ project: DEMO_CROWD_PROJECT, created: true, tasks: 20, simulatedSubmits: 140 });
    expect((await seedCrowdDemo(t.ws)).created).toBe(false);

    const app = createApp({ ws: t.ws, jobs: createInProcessQueue() });
    const page = await app.request(`/crowd/projects/${DEMO_CROWD_PROJECT}/work`);
    expect(page.status).toBe(200);
    const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
    const task = (await (await app.request(`/api/crowd/projects/${DEMO_CROWD_PROJECT}/next`, {
      method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}',
    })).json()) as { kind: string; images: unknown[] };
    expect(task.kind).toBe('task');
    expect(task.images.length).toBeGreaterThan(0);
    const progress = (await (await app.request(`/api/crowd/projects/${DEMO_CROWD_PROJECT}/progress`)).json()) as Array<{ validAssignments: number; openSlots: number }>;
    expect(progress).toHaveLength(10);
    expect(progress.every((c) => c.validAssignments === 14 && c.openSlots >= 5)).toBe(true);
    expect((await app.request(`/crowd/projects/${DEMO_CROWD_PROJECT}`)).status).toBe(200);
  });
});
