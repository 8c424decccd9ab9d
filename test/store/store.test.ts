import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { STORE_BACKENDS } from '../helpers/store-backends.js';
import { ClassSet } from '../../src/classes/class-set.js';

const NOW = new Date('2026-01-02T03:04:05Z');
const classes = ClassSet.fromWnids('t', ['n02084071', 'n01443537']).entries;
const image = (c: string) => ({ sha256: c.repeat(64), width: 2, height: 3, format: 'png', bytes: 10, created_at: NOW.toISOString() });

// One suite, every backend: SQLite always, PostgreSQL when HELDOUT_PG_URL is set.
for (const backend of STORE_BACKENDS) describe.skipIf(!backend.available)(`store (${backend.name})`, () => {
  const { open } = backend;
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'heldout-store-'));
    store = await open(dir);
  });
  afterEach(async () => {
    await store.close();
    await backend.destroy(dir);
    await rm(dir, { recursive: true, force: true });
  });

  it('creates datasets with their classes in devkit order', async () => {
    const d = await store.createDataset({ name: 'a', description: 'x', classSet: 'file', classes }, NOW);
    expect(d.created_at).toBe(NOW.toISOString());
    expect((await store.datasetClasses(d.id)).map((c) => [c.wnid, c.devkitId, c.index])).toEqual([['n02084071', 1, 1], ['n01443537', 2, 0]]);
    await expect(store.createDataset({ name: 'a', description: '', classSet: 'file', classes }, NOW)).rejects.toThrow();
  });

  it('stores items in position order, filters by class and counts', async () => {
    const d = await store.createDataset({ name: 'a', description: '', classSet: 'file', classes }, NOW);
    const s = await store.createSplit(d.id, { name: 'test', labelsHidden: true, sourceLayout: 'imagefolder', sourcePath: '/x' }, NOW);
    expect(await store.putImages([image('a'), image('b')])).toBe(2);
    expect(await store.putImages([image('a')])).toBe(0);
    const item = (position: number, c: string, wnid: string) => ({
      position, name: `f${position}`, image_sha256: c.repeat(64), wnid, source_path: null, source_url: null, license: null, date_taken: null, date_uploaded: null,
    });
    await store.addItems(s.id, [item(1, 'b', 'n01443537'), item(0, 'a', 'n02084071'), item(2, 'a', 'n02084071')]);
    expect((await store.listItems(s.id)).map((i) => i.position)).toEqual([0, 1, 2]);
    expect((await store.listItems(s.id, { limit: 1, offset: 1 })).map((i) => i.name)).toEqual(['f1']);
    expect(await store.countItems(s.id, 'n02084071')).toBe(2);
    expect(Object.fromEntries(await store.classCounts(s.id))).toEqual({ n02084071: 2, n01443537: 1 });
    const [summary] = await store.listDatasets();
    expect(summary?.splits[0]).toMatchObject({ name: 'test', labels_hidden: 1, itemCount: 3 });
    await store.setLabelsHidden(s.id, false);
    expect((await store.findSplit(d.id, 'test'))?.labels_hidden).toBe(0);
  });

  it('rolls a failed transaction back completely', async () => {
    const before = await store.tableCounts();
    await expect(store.transaction(async (tx) => {
      const d = await tx.createDataset({ name: 'a', description: '', classSet: 'file', classes }, NOW);
      await tx.createSplit(d.id, { name: 's', labelsHidden: false, sourceLayout: 'x', sourcePath: 'x' }, NOW);
      await tx.putImages([image('c')]);
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(await store.tableCounts()).toEqual(before);
  });

  it('deletes a dataset with its splits and items', async () => {
    const d = await store.createDataset({ name: 'a', description: '', classSet: 'file', classes }, NOW);
    await store.createSplit(d.id, { name: 's', labelsHidden: false, sourceLayout: 'x', sourcePath: 'x' }, NOW);
    await store.deleteDataset(d.id);
    expect(await store.tableCounts()).toMatchObject({ datasets: 0, dataset_classes: 0, splits: 0 });
  });

  it('reopens an existing file without re-running migrations', async () => {
    await store.createDataset({ name: 'kept', description: '', classSet: 'file', classes }, NOW);
    await store.close();
    store = await open(dir);
    expect((await store.findDataset('kept'))?.name).toBe('kept');
  });
});
