import { loadavg } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDataset } from '../../src/datasets/import-dataset.js';
import { seedCollect } from '../../src/demo/seed-collect.js';
import { DEMO_SAMPLE_SETS, SAMPLING_POOL, SAMPLING_PROJECT, seedSample } from '../../src/demo/seed-sample.js';
import { packageDataPath } from '../../src/paths.js';
import { revisionReport, type RevisionReport } from '../../src/sample/revision-report.js';
import { revisionReportText } from '../../src/sample/report-text.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';
import { addModel } from '../../src/evaluate/add-model.js';
import { evaluateOnSplit } from '../../src/evaluate/run-evaluations.js';
import { zooCards } from '../../src/demo/seed-testbed.js';

let t: TempWorkspace;
let seconds = 0;
let cpuSeconds = 0;
const reports = new Map<string, RevisionReport>();

// The real demo data: Fashion-MNIST test (hidden) and pool splits, then the collect demo (which hashes the test split
// once per workspace, as in seedDemo), then the sampling demo, timed on its own.
beforeAll(async () => {
  t = await tempWorkspace();
  for (const [split, hidden, images, labels] of [['test', true, 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'], ['pool', false, 'pool-images-idx3-ubyte.gz', 'pool-labels-idx1-ubyte.gz']] as const) {
    await importDataset(t.ws, { layout: 'idx', dataset: 'fashion-mnist', split, classes: 'fashion-mnist', hidden, images: packageDataPath('demo', 'fashion-mnist', images), labels: packageDataPath('demo', 'fashion-mnist', labels) });
  }
  await seedCollect(t.ws, 'fashion-mnist');
  const start = performance.now();
  const cpu = process.cpuUsage();
  await seedSample(t.ws, 'fashion-mnist');
  seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  cpuSeconds = (used.user + used.system) / 1e6;
  for (const name of Object.keys(DEMO_SAMPLE_SETS)) reports.set(name, await revisionReport(t.ws.store, name));
  // SAMPLE_DEMO_REPORT=1 prints the reports quoted in docs/sampling.md.
  if (process.env.SAMPLE_DEMO_REPORT) for (const r of reports.values()) console.log(revisionReportText(r));
}, 900_000);
afterAll(() => t.cleanup());

describe('the sampling demo on the Fashion-MNIST pool', () => {
  it('produces the three sets through the real pipeline: 10 per class, hidden-label test splits', async () => {
    expect(await t.ws.store.findCrowdProject(SAMPLING_PROJECT)).toBeDefined();
    const pool = (await t.ws.store.listPools()).find((p) => p.name === SAMPLING_POOL)!;
    expect(pool.reviewed).toBe(pool.pairs); // every close pair decided (by the demo's simulated reviewer)
    for (const [name, s] of Object.entries(DEMO_SAMPLE_SETS)) {
      const r = reports.get(name)!;
      expect(r).toMatchObject({ strategy: s.strategy, seed: s.seed, images: 100, classes: 10, shortClasses: [], dataset: name });
      expect(r.nearDuplicates).toEqual({ pools: [SAMPLING_POOL], skippedCheck: false });
      const d = (await t.ws.store.findDataset(name))!;
      const split = (await t.ws.store.findSplit(d.id, 'test'))!;
      expect(split.labels_hidden).toBe(1);
      expect([...(await t.ws.store.classCounts(split.id)).values()]).toEqual(Array(10).fill(10));
    }
    const line = [...reports.values()].map((r) => `${r.name} ${r.frequency.frequency.mean!.toFixed(3)} ± ${r.frequency.frequency.sd!.toFixed(3)}`).join('; ');
    const ref = reports.get('fashion-mnist-v2-matched-frequency')!.reference.frequency;
    console.log(`seedSample: ${seconds.toFixed(1)} s (${cpuSeconds.toFixed(1)} CPU s, load ${loadavg()[0]!.toFixed(1)}); mean frequency ${line}; reference ${ref.mean!.toFixed(3)} ± ${ref.sd!.toFixed(3)} (n=${ref.n})`);
  });

  it('orders the sets by frequency as ImageNetV2\'s were: TopImages > Threshold0.7, MatchedFrequency ≈ reference', () => {
    const mean = (n: string) => reports.get(n)!.frequency.frequency;
    const mf = mean('fashion-mnist-v2-matched-frequency');
    const th = mean('fashion-mnist-v2-threshold-0.7');
    const top = mean('fashion-mnist-v2-top-images');
    expect(top.mean!).toBeGreaterThan(th.mean!);
    expect(th.mean!).toBeGreaterThan(mf.mean!);
    expect(reports.get('fashion-mnist-v2-threshold-0.7')!.bins.slice(0, 3).every((b) => b.revision === 0)).toBe(true);
    const ref = reports.get('fashion-mnist-v2-matched-frequency')!.reference.frequency;
    expect(Math.abs(mf.mean! - ref.mean!)).toBeLessThan(0.05);
  });

  it('makes the split-vote bias visible: a pool set matched on half the votes is harder on the other half', () => {
    const sv = reports.get('fashion-mnist-v2-matched-frequency')!.splitVote!;
    console.log(`split-vote: matched ${sv.matched.pool!.toFixed(3)} vs reference ${sv.matched.reference!.toFixed(3)} (${sv.matched.difference!.toFixed(3)})`);
    expect(sv.groups.map((g) => g.name)).toEqual(['reference', 'pool']);
    expect(sv.matched.difference!).toBeLessThan(0);
  });

  it('is a test set the testbed evaluates like any other (what seedTestbed does for the zoo)', async () => {
    const card = (await zooCards()).find((c) => c.name === 'lenet5')!;
    await addModel(t.ws, { name: card.name, onnx: packageDataPath('zoo', `${card.name}.onnx`), preset: card.preset, classes: card.classes, mapping: card.mapping, cardData: card });
    await evaluateOnSplit(t.ws, 'fashion-mnist-v2-top-images', 'test', [card.name], { batch: 500 });
    const [e] = await t.ws.store.listEvaluations({ modelId: (await t.ws.store.findModel(card.name))!.id });
    expect(e).toMatchObject({ dataset_name: 'fashion-mnist-v2-top-images', status: 'done', n: 100, done: 100 });
    expect(e!.correct_top1!).toBeGreaterThan(50);
  });

  it('is idempotent', async () => {
    expect(await seedSample(t.ws, 'fashion-mnist')).toMatchObject({ createdProject: false, reviewedPairs: 0, created: [] });
  });
});
