import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudy } from '../../src/analyze/create-study.js';
import { studyReport } from '../../src/analyze/study-report-service.js';
import { createApp } from '../../src/server/app.js';
import { createInProcessQueue } from '../../src/jobs/in-process-queue.js';
import { runHeldout } from '../helpers/run-heldout.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';
import { importFmSlice, importSyntheticModel, splitLabels } from './study-fixtures.js';

const N = 300;
const ORIGINAL = [0.55, 0.65, 0.75, 0.85, 0.92];
const SHIFTED = [0.42, 0.52, 0.63, 0.76, 0.86];
let t: TempWorkspace;
const preds = new Map<string, Int32Array>();

beforeAll(async () => {
  t = await tempWorkspace();
  await importFmSlice(t.ws, t.scratch, 'fm', 0, N);
  await importFmSlice(t.ws, t.scratch, 'fm2', N, N);
  for (const [i, p] of ORIGINAL.entries()) {
    preds.set(`m${i}`, await importSyntheticModel(t.ws, t.scratch, `m${i}`, 'fm', p, 100 + i));
    await importSyntheticModel(t.ws, t.scratch, `m${i}`, 'fm2', SHIFTED[i]!, 200 + i);
  }
  await importSyntheticModel(t.ws, t.scratch, 'orig-only', 'fm', 0.7, 999);
}, 120_000);
afterAll(() => t.cleanup());

describe('a study over testbed evaluations', () => {
  it('creates, reports per-image statistics and similarity from the stored predictions', async () => {
    await createStudy(t.ws, { name: 'tb', original: 'fm', newSets: ['fm2:test'], models: 'all' });
    const r = await studyReport(t.ws, 'tb', { resamples: 500, seed: 3 });
    expect(r.original).toEqual({ name: 'fm:test', n: N });
    expect(r.new).toEqual({ name: 'fm2:test', n: N });
    expect(r.models.map((m) => m.name)).toEqual(['m4', 'm3', 'm2', 'm1', 'm0']);
    expect(r.excluded).toEqual([{ model: 'orig-only', kind: 'missing', reason: 'no result on fm2:test' }]);
    expect(r.meanDrop.method).toBe('images');
    expect(r.fit.n).toBe(5);
    const labels = await splitLabels(t.ws, 'fm');
    for (const m of r.models) {
      const p = preds.get(m.name)!;
      expect(m.original.correct).toBe(p.filter((v, i) => v === labels[i]).length);
    }
    const s = r.similarity;
    if (!s.available) throw new Error(s.reason);
    expect(s.models).toEqual(['m4', 'm3', 'm2', 'm1', 'm0']);
    const a = preds.get('m4')!;
    const b = preds.get('m0')!;
    expect(s.agreement[0]![4]).toBeCloseTo(a.filter((v, i) => v === b[i]).length / N, 15);
    expect(s.minimum[0]![4]).toBeCloseTo(Math.max(0, r.models[0]!.original.accuracy + r.models[4]!.original.accuracy - 1), 15);
    expect(s.agreement[2]![2]).toBe(1);
    expect(s.effectiveModels.value).toBeGreaterThanOrEqual(1);
    expect(s.effectiveModels.value).toBeLessThanOrEqual(5);
    expect(r.decomposition.adaptivity.kind).toBe('not-identifiable');
  });

  it('limits the study to --models and refuses unknown models and duplicate sets', async () => {
    const ok = await runHeldout(t.dataDir, 'study', 'create', 'two', '--original', 'fm', '--new', 'fm2', '--models', 'm0,m4');
    expect(ok.out).toMatch(/created study two: fm:test vs fm2:test \(models: m0, m4\)/);
    const j = JSON.parse((await runHeldout(t.dataDir, 'study', 'report', 'two', '--format', 'json', '--bootstrap', '100')).out) as { models: Array<{ name: string }> };
    expect(j.models.map((m) => m.name)).toEqual(['m4', 'm0']);
    expect((await runHeldout(t.dataDir, 'study', 'create', 'x', '--original', 'fm', '--new', 'fm2', '--models', 'nobody')).err).toMatch(/no model named "nobody"/);
    expect((await runHeldout(t.dataDir, 'study', 'create', 'x', '--original', 'fm', '--new', 'fm:test')).err).toMatch(/test set fm:test is given twice/);
    expect((await runHeldout(t.dataDir, 'study', 'create', 'tb', '--original', 'fm', '--new', 'fm2')).err).toMatch(/a study named "tb" already exists/);
  });

  it('serves the report as pages and JSON', async () => {
    const app = createApp({ ws: t.ws, jobs: createInProcessQueue() });
    const list = await app.request('/studies');
    expect(list.status).toBe(200);
    expect(await list.text()).toContain('href="/studies/tb"');
    const page = await app.request('/studies/tb?bootstrap=200');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(html).toContain('Top-1 agreement on fm:test');
    const api = await app.request('/api/studies/tb/report?transform=logit&bootstrap=200&seed=5');
    expect(api.status).toBe(200);
    const j = await api.json() as { fit: { transform: string; resamples: number; seed: number } };
    expect(j.fit).toMatchObject({ transform: 'logit', resamples: 200, seed: 5 });
    expect((await app.request('/api/studies')).status).toBe(200);
    expect((await app.request('/studies/nope')).status).toBe(404);
    expect((await app.request('/api/studies/tb/report?transform=cubic')).status).toBe(400);
    expect(await (await app.request('/')).text()).toContain('href="/studies"');
  });
});
