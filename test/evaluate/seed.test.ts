import { loadavg } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDataset } from '../../src/datasets/import-dataset.js';
import { seedTestbed, zooCards } from '../../src/demo/seed-testbed.js';
import { createInProcessQueue } from '../../src/jobs/in-process-queue.js';
import { packageDataPath } from '../../src/paths.js';
import { createApp } from '../../src/server/app.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';

interface Card { name: string; test: { n: number; top1_correct: number; top5_correct: number; near_ties: { top1: number; top5: number } } }

let t: TempWorkspace;
let seconds = 0;
let cpuSeconds = 0;
beforeAll(async () => {
  t = await tempWorkspace();
  await importDataset(t.ws, {
    layout: 'idx', dataset: 'fashion-mnist', split: 'test', classes: 'fashion-mnist', hidden: true,
    images: packageDataPath('demo', 'fashion-mnist', 't10k-images-idx3-ubyte.gz'), labels: packageDataPath('demo', 'fashion-mnist', 't10k-labels-idx1-ubyte.gz'),
  });
  const start = performance.now();
  const cpu = process.cpuUsage();
  await seedTestbed(t.ws);
  seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  cpuSeconds = (used.user + used.system) / 1e6;
}, 600_000);
afterAll(() => t.cleanup());

describe('the demo zoo, seeded and evaluated on fashion-mnist/test', () => {
  it('registers every zoo model (≥ 12, a wide accuracy range) and evaluates each on the 10,000 test images', async () => {
    const cards = (await zooCards()) as unknown as Card[];
    expect(cards.length).toBeGreaterThanOrEqual(12);
    const evals = await t.ws.store.listEvaluations();
    expect(evals.map((e) => e.model_name).sort()).toEqual(cards.map((c) => c.name).sort());
    let exact = 0;
    for (const card of cards) {
      const e = evals.find((x) => x.model_name === card.name)!;
      expect(e).toMatchObject({ status: 'done', n: 10000, done: 10000 });
      // PyTorch (the script) and ONNX Runtime may disagree only on images whose deciding logits are near-tied.
      expect(Math.abs(e.correct_top1! - card.test.top1_correct)).toBeLessThanOrEqual(card.test.near_ties.top1);
      expect(Math.abs(e.correct_topk! - card.test.top5_correct)).toBeLessThanOrEqual(card.test.near_ties.top5);
      if (e.correct_top1 === card.test.top1_correct) exact++;
    }
    expect(exact).toBeGreaterThanOrEqual(cards.length - 2);
    const acc = evals.map((e) => e.correct_top1! / e.n);
    expect(Math.max(...acc) - Math.min(...acc)).toBeGreaterThan(0.3);
    console.log(`seedTestbed: ${cards.length} models × 10,000 images in ${seconds.toFixed(1)} s (${cpuSeconds.toFixed(1)} CPU s, load ${loadavg()[0]!.toFixed(1)}); ${exact} top-1 counts equal the script's exactly`);
  });

  it('is idempotent: a second seed registers and evaluates nothing', async () => {
    expect(await seedTestbed(t.ws)).toEqual({ registered: [], evaluated: [] });
  });

  it('serves /testbed with every model\'s accuracy, n and interval, and links it from the home page', async () => {
    const jobs = createInProcessQueue();
    const app = createApp({ ws: t.ws, jobs });
    const page = await (await app.request('/testbed')).text();
    for (const card of await zooCards()) expect(page).toContain(`/testbed/models/${card.name}`);
    expect(page).toMatch(/\d+\.\d\d% \[\d+\.\d\d, \d+\.\d\d\] <span class="muted">n=10,000<\/span>/);
    const model = await (await app.request('/testbed/models/lenet5')).text();
    expect(model).toContain('LeNet-5');
    expect(model).toContain('fashion-mnist</a>/test');
    const api = await (await app.request('/api/testbed/models/lenet5')).json() as { evaluations: Array<{ n: number; top1: { ci: number[] } }> };
    expect(api.evaluations[0]).toMatchObject({ n: 10000, top1: { ci: [expect.any(Number), expect.any(Number)] } });
    expect((await app.request('/testbed/models/nope')).status).toBe(404);
    expect(await (await app.request('/')).text()).toContain('<a href="/testbed">Testbed</a>');
    await jobs.close();
  });
});
