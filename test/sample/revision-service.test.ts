import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRevision } from '../../src/sample/create-revision.js';
import { exportRevision } from '../../src/sample/export-revision.js';
import { revisionReport } from '../../src/sample/revision-report.js';
import { addToBlacklist, listBlacklist } from '../../src/sample/blacklist.js';
import { loadSampleInputs, resolveReference } from '../../src/sample/load-sample-inputs.js';
import { importDataset } from '../../src/datasets/import-dataset.js';
import { tempWorkspace, workspaceCounts, type TempWorkspace } from '../helpers/temp-workspace.js';
import { sampleFixture, SMALL, T0, WNIDS } from './sample-fixture.js';
import { writeFile, mkdir } from 'node:fs/promises';

let t: TempWorkspace;
/** Images of revision mf-1: MatchedFrequency may leave top-bin slots empty (the fixture's reference votes are high). */
let n1 = 0;
beforeAll(async () => {
  t = await tempWorkspace();
  await sampleFixture(t.ws);
}, 120_000);
afterAll(() => t.cleanup());

describe('sampling from a crowd project', () => {
  it('reads candidates and reference votes from the project (positive controls of the reference split)', async () => {
    const loaded = { project: (await t.ws.store.findCrowdProject('p'))!, settings: {} as never };
    const ref = await resolveReference(t.ws.store, loaded, 'fm');
    expect(ref.split.name).toBe('test'); // the project's controls split
    const inputs = await loadSampleInputs(t.ws.store, loaded, ref, { collectPools: null, now: T0 });
    expect(inputs.classes).toEqual([...WNIDS].sort());
    expect(inputs.candidates).toHaveLength(36);
    expect(inputs.candidates.every((c) => c.shown === 4 && c.nearDuplicate.kind === 'not-checked')).toBe(true);
    for (const w of WNIDS) expect(inputs.reference.get(w)!.map((r) => r.shown)).toEqual(Array(8).fill(4));
  });

  it('refuses images never checked for near-duplicates unless told to skip the check', async () => {
    await expect(createRevision(t.ws, { pool: 'p', reference: 'fm:test', strategy: 'top', seed: 3, minAnnotations: 4, name: 'nochk' }, { now: T0 }))
      .rejects.toThrow(/no eligible candidates.*36 not-checked/);
  });

  it('names the classes short of reference images for MatchedFrequency', async () => {
    const before = await workspaceCounts(t.ws);
    await expect(createRevision(t.ws, { pool: 'p', reference: 'fm', strategy: 'matched-frequency', seed: 3, ...SMALL, minReference: 9, name: 'mf-x' }, { now: T0 }))
      .rejects.toThrow(/≥ 9 reference images with ≥ 4 annotations per class.*short: n03057021 \(8\), n03595614 \(8\), n04197391 \(8\)/);
    expect(await workspaceCounts(t.ws)).toEqual(before);
  });

  it('stores a revision with its parameters and materialises it as a hidden-label dataset (store round trip)', async () => {
    const c = await createRevision(t.ws, { pool: 'p', reference: 'fm', strategy: 'matched-frequency', seed: 42, perClass: 5, ...SMALL, name: 'mf-1' }, { now: T0 });
    const row = (await t.ws.store.findSampleRevision({ name: 'mf-1' }))!;
    expect(row).toMatchObject({ strategy: 'matched-frequency', seed: 42, parent_id: null });
    expect(JSON.parse(row.params_json)).toMatchObject({ pool: 'p', reference: 'fm:test', perClass: 5, minAnnotations: 4, minReference: 8, upward: true, skipNearDuplicateCheck: true, from: null });
    const images = await t.ws.store.sampleImages(row.id);
    expect(images.map((i) => i.image_sha256)).toEqual(c.sampled.images.map((i) => i.id));
    expect(images.map((i) => i.row)).toEqual(images.map((_, k) => k));
    const d = (await t.ws.store.findDataset('mf-1'))!;
    const split = (await t.ws.store.findSplit(d.id, 'test'))!;
    expect(split.labels_hidden).toBe(1);
    expect((await t.ws.store.datasetClasses(d.id)).map((x) => x.wnid).sort()).toEqual([...WNIDS].sort());
    const items = await t.ws.store.listItems(split.id);
    expect(items.map((i) => [i.image_sha256, i.wnid])).toEqual(images.map((i) => [i.image_sha256, i.wnid]));
    n1 = images.length;
    const short = c.sampled.classes.reduce((s, x) => s + x.short, 0);
    expect(n1).toBe(15 - short);
    expect(n1).toBeGreaterThanOrEqual(10);
    for (const x of c.sampled.classes) {
      expect(images.filter((i) => i.wnid === x.wnid)).toHaveLength(x.chosen);
      expect(x.target!.reduce((s, v) => s + v, 0)).toBe(5);
      expect((x.deficits ?? []).reduce((s, d) => s + d.unfilled, 0)).toBe(x.short);
    }
    expect((await t.ws.store.listSampleRevisions()).find((r) => r.name === 'mf-1')).toMatchObject({ project_name: 'p', images: n1 });
  });

  it('same inputs and seed give a byte-identical manifest', async () => {
    await createRevision(t.ws, { pool: 'p', reference: 'fm', strategy: 'matched-frequency', seed: 42, perClass: 5, ...SMALL, name: 'mf-1b' }, { now: T0 });
    await exportRevision(t.ws, { name: 'mf-1', format: 'manifest', out: path.join(t.scratch, 'm1') });
    await exportRevision(t.ws, { name: 'mf-1b', format: 'manifest', out: path.join(t.scratch, 'm1b') });
    const a = await readFile(path.join(t.scratch, 'm1', 'manifest.csv'), 'utf8');
    expect(await readFile(path.join(t.scratch, 'm1b', 'manifest.csv'), 'utf8')).toBe(a);
    expect(a.split('\n')[0]).toBe('row,image_id,wnid,class_index,frequency,annotations');
    expect(a.trim().split('\n')).toHaveLength(n1 + 1);
    expect(a.split('\n')[1]).toMatch(/^0,[0-9a-f]{64},n\d{8},[0-2],[0-9.]+,4$/);
  });

  it('starts a revision from another: keeps still-eligible images, drops blacklisted ones, inherits parameters', async () => {
    const parent = await t.ws.store.findSampleRevision({ name: 'mf-1' });
    const parentImages = await t.ws.store.sampleImages(parent!.id);
    const banned = parentImages[0]!;
    await addToBlacklist(t.ws.store, 'mf-1', banned.image_sha256.slice(0, 10), 'cropped badly', T0);
    expect((await listBlacklist(t.ws.store, 'p')).entries).toMatchObject([{ image_sha256: banned.image_sha256, reason: 'cropped badly' }]);
    const c = await createRevision(t.ws, { from: 'mf-1', seed: 43, name: 'mf-2' }, { now: T0 });
    expect(c.params).toMatchObject({ pool: 'p', strategy: 'matched-frequency', perClass: 5, from: 'mf-1', seed: 43 });
    const ids = new Set(c.sampled.images.map((i) => i.id));
    expect(ids.has(banned.image_sha256)).toBe(false);
    const kept = parentImages.filter((i) => i.image_sha256 !== banned.image_sha256 && ids.has(i.image_sha256));
    expect(c.sampled.images.filter((i) => i.carried)).toHaveLength(kept.length);
    expect(kept.length).toBeGreaterThanOrEqual(n1 - 3); // most of the parent survives; only freed slots are resampled
    const r = await revisionReport(t.ws.store, 'mf-2');
    expect(r.parent).toBe('mf-1');
    expect(r.ineligible).toMatchObject({ blacklisted: 1 });
    expect(r.overlaps.find((o) => o.revision === 'mf-1')!.shared).toBe(kept.length);
  });

  it('reports bins, means with n and intervals, and the split-vote diagnostic', async () => {
    const r = await revisionReport(t.ws.store, 'mf-1');
    expect(r.images).toBe(n1);
    expect(r.frequency.frequency.n).toBe(n1);
    expect(r.reference.frequency.n).toBe(24);
    expect(r.bins.reduce((s, b) => s + b.revision, 0)).toBe(n1);
    expect(r.shortClasses.reduce((s, c) => s + c.short, 0)).toBe(15 - n1);
    expect(r.splitVote!.groups.map((g) => [g.name, g.n])).toEqual([['reference', 24], ['pool', 36]]);
    expect(await revisionReport(t.ws.store, 'mf-1')).toEqual(r); // seeded: the same report twice
  });

  it('exports ImageNetV2 and ImageFolder layouts that import back to the same (image, class) pairs', async () => {
    const images = await t.ws.store.sampleImages((await t.ws.store.findSampleRevision({ name: 'mf-1' }))!.id);
    const want = images.map((i) => `${i.image_sha256} ${i.wnid}`).sort();
    const classes = path.join(t.scratch, 'classes.txt');
    await mkdir(t.scratch, { recursive: true });
    await writeFile(classes, `${[...WNIDS].join('\n')}\n`);
    for (const format of ['imagenetv2', 'imagefolder'] as const) {
      const out = path.join(t.scratch, `x-${format}`);
      const s = await exportRevision(t.ws, { name: 'mf-1', format, out });
      expect(s.files).toBe(n1);
      const imported = format === 'imagenetv2'
        ? await importDataset(t.ws, { layout: 'imagenetv2', dataset: `back-${format}`, path: out, classes })
        : await importDataset(t.ws, { layout: 'imagefolder', dataset: `back-${format}`, path: out, classes });
      const items = await t.ws.store.listItems(imported.split.id);
      expect(items.map((i) => `${i.image_sha256} ${i.wnid}`).sort()).toEqual(want);
    }
  });
});
