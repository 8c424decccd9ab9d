import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessQueue } from '../../src/jobs/in-process-queue.js';
import { createRevision } from '../../src/sample/create-revision.js';
import { createApp } from '../../src/server/app.js';
import { frequencyHistogramSvg } from '../../src/server/views/sample-histogram-svg.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';
import { sampleFixture, SMALL, T0 } from './sample-fixture.js';

let t: TempWorkspace;
let app: ReturnType<typeof createApp>;
const jobs = createInProcessQueue();
beforeAll(async () => {
  t = await tempWorkspace();
  await sampleFixture(t.ws);
  await createRevision(t.ws, { pool: 'p', reference: 'fm', strategy: 'matched-frequency', seed: 42, perClass: 5, ...SMALL, name: 'mf-1' }, { now: T0 });
  await createRevision(t.ws, { pool: 'p', reference: 'fm', strategy: 'top', seed: 1, perClass: 5, ...SMALL, name: 'top-1' }, { now: T0 });
  app = createApp({ ws: t.ws, jobs });
}, 120_000);
afterAll(async () => {
  await jobs.close();
  await t.cleanup();
});

describe('sampling pages and JSON', () => {
  it('lists revisions and links them from the home page', async () => {
    const list = await (await app.request('/sample')).text();
    expect(list).toContain('<a href="/sample/mf-1">mf-1</a>');
    expect(list).toContain('<a href="/datasets/top-1">top-1</a>/test');
    expect(await (await app.request('/')).text()).toContain('<a href="/sample">Sampling</a>');
    const api = await (await app.request('/api/sample/revisions')).json() as Array<Record<string, unknown>>;
    expect(api.map((r) => r.name)).toEqual(['mf-1', 'top-1']);
    expect(api[1]).toMatchObject({ pool: 'p', strategy: 'top', seed: 1, images: 15, dataset: 'top-1' });
  });

  it('shows a report with the histogram, n and intervals, and no image with its class', async () => {
    const res = await app.request('/sample/mf-1');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<svg class="histogram"');
    expect(page).toMatch(/0\.\d{3} ± 0\.\d{3} \(n=\d+, 95% CI 0\.\d{3}–0\.\d{3}\)/);
    expect(page).toContain('Split-vote diagnostic');
    expect(page).toContain('<a href="/sample/top-1">top-1</a>');
    // Hidden labels: the page names no image of the revision.
    for (const img of await t.ws.store.sampleImages((await t.ws.store.findSampleRevision({ name: 'mf-1' }))!.id)) expect(page).not.toContain(img.image_sha256);
    const json = await (await app.request('/api/sample/revisions/mf-1')).json() as Record<string, unknown>;
    expect(json).toMatchObject({ name: 'mf-1', strategy: 'matched-frequency', seed: 42 });
    expect(JSON.stringify(json)).not.toMatch(/[0-9a-f]{64}/);
    expect((await app.request('/sample/nope')).status).toBe(404);
    expect((await app.request('/api/sample/revisions/nope')).status).toBe(404);
  });

  it('draws the same SVG bytes for the same counts', async () => {
    const s = () => String(frequencyHistogramSvg([{ label: 'reference', color: '#999', counts: [0, 1, 2, 30, 40] }, { label: 'new', color: '#123', counts: [0, 0, 5, 3, 2] }]));
    expect(s()).toBe(s());
    expect(s()).toContain('<title>new, bin [0.4, 0.6): 5 of 10 (50.0%)</title>');
  });

  it('documents every sampling route in docs/openapi.yaml', async () => {
    const spec = parse(await readFile(path.join(import.meta.dirname, '../../docs/openapi.yaml'), 'utf8')) as { paths: Record<string, Record<string, unknown>> };
    const documented = new Set(Object.entries(spec.paths).flatMap(([p, item]) => Object.keys(item).filter((m) => m !== 'parameters').map((m) => `${m.toUpperCase()} ${p}`)));
    const routes = app.routes.filter((r) => r.method !== 'ALL' && /^\/(api\/)?sample(\/|$)/.test(r.path)).map((r) => `${r.method} ${r.path.replace(/:([A-Za-z]+)/g, '{$1}')}`);
    expect(routes.length).toBe(4);
    expect(routes.filter((r) => !documented.has(r))).toEqual([]);
  });
});
