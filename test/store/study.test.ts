import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewStudy, Store } from '../../src/store/store.js';
import { STORE_BACKENDS } from '../helpers/store-backends.js';

const NOW = new Date('2026-11-28T10:00:00Z');
const study = (name: string, source = 'import'): NewStudy => ({
  name, source, original: 'val', new_sets: JSON.stringify(['v2']), holdout: null, models_json: JSON.stringify('all'), description: '',
});

// One suite, every backend: SQLite always, PostgreSQL when HELDOUT_PG_URL is set.
for (const backend of STORE_BACKENDS) describe.skipIf(!backend.available)(`study store (${backend.name})`, () => {
  const { open } = backend;
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'heldout-study-store-'));
    store = await open(dir);
  });
  afterEach(async () => {
    await store.close();
    await backend.destroy(dir);
    await rm(dir, { recursive: true, force: true });
  });

  it('creates a study with its counts in one step, finds, lists and deletes it', async () => {
    const counts = Array.from({ length: 1200 }, (_, i) => ({ model: `m${String(i).padStart(4, '0')}`, test_set: i % 2 ? 'v2' : 'val', correct: i, n: 5000 }));
    const s = await store.createStudy(study('b'), counts, NOW);
    await store.createStudy(study('a', 'testbed'), [], NOW);
    expect(s).toMatchObject({ name: 'b', source: 'import', original: 'val', holdout: null, created_at: NOW.toISOString() });
    expect((await store.findStudy('b'))!.id).toBe(s.id);
    expect((await store.listStudies()).map((x) => x.name)).toEqual(['a', 'b']);
    const stored = await store.listStudyCounts(s.id);
    expect(stored).toHaveLength(1200);
    expect(stored[0]).toEqual({ study_id: s.id, model: 'm0000', test_set: 'val', correct: 0, n: 5000 });
    await store.deleteStudy(s.id);
    expect(await store.findStudy('b')).toBeUndefined();
    expect(await store.listStudyCounts(s.id)).toEqual([]);
  });

  it('refuses a duplicate name or a duplicate (model, test set) and leaves nothing behind', async () => {
    await store.createStudy(study('a'), [], NOW);
    await expect(store.createStudy(study('a'), [], NOW)).rejects.toThrow();
    const dup = [{ model: 'x', test_set: 'val', correct: 1, n: 2 }, { model: 'x', test_set: 'val', correct: 1, n: 2 }];
    await expect(store.createStudy(study('c'), dup, NOW)).rejects.toThrow();
    expect(await store.findStudy('c')).toBeUndefined();
    expect((await store.tableCounts()).study_counts).toBe(0);
  });
});
