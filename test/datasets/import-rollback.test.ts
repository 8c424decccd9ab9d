import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importDataset } from '../../src/datasets/import-dataset.js';
import type { Store } from '../../src/store/store.js';
import type { Workspace } from '../../src/store/workspace.js';
import { makeImage } from '../helpers/images.js';
import { writeClassFolders } from '../helpers/dataset-trees.js';
import { tempWorkspace, workspaceCounts, type TempWorkspace } from '../helpers/temp-workspace.js';

const TENCH = 'n01440764';

/** The real store, except that every transaction fails after its work ran (the disk filled up at COMMIT, say). */
function failingCommits(ws: Workspace): Workspace {
  const store: Store = Object.create(ws.store, {
    transaction: {
      value: <T>(work: (tx: Store) => Promise<T>) => ws.store.transaction(async (tx) => {
        await work(tx);
        throw new Error('disk full');
      }),
    },
  });
  return { ...ws, store };
}

describe('a failure after blobs were written rolls everything back', () => {
  let t: TempWorkspace;
  let dir: string;
  beforeEach(async () => {
    t = await tempWorkspace();
    const seed = path.join(t.scratch, 'seed');
    await writeClassFolders(seed, { [TENCH]: [{ seed: 1 }] });
    await importDataset(t.ws, { layout: 'imagefolder', dataset: 'base', path: seed });
    dir = path.join(t.scratch, 'in');
    // Image seed 1 is already stored: rollback must not delete a blob this import did not create.
    await writeClassFolders(dir, { [TENCH]: [{ seed: 1 }, { seed: 2 }, { seed: 3 }, { seed: 4 }] });
  });
  afterEach(() => t.cleanup());

  it('when the store transaction fails', async () => {
    const before = await workspaceCounts(t.ws);
    let stored = 0;
    await expect(importDataset(failingCommits(t.ws), { layout: 'imagefolder', dataset: 'new', path: dir }, {
      onProgress: (p) => { if (p.phase === 'store') stored = p.done; },
    })).rejects.toThrow('disk full');
    expect(stored).toBe(4); // all four blobs were written (three of them new) before the transaction failed
    expect(await workspaceCounts(t.ws)).toEqual(before);
    expect(await t.ws.blobs.count()).toBe(1);
  });

  it('when a file changes between validation and storing', async () => {
    const before = await workspaceCounts(t.ws);
    const changed = path.join(dir, TENCH, 'img4.png');
    const other = await makeImage(99);
    let stored = 0;
    await expect(importDataset(t.ws, { layout: 'imagefolder', dataset: 'new', path: dir }, {
      concurrency: 1,
      onProgress: (p) => {
        if (p.phase !== 'store') return;
        stored = p.done;
        if (p.done === 2) writeFileSync(changed, other);
      },
    })).rejects.toThrow(`${changed}: file changed while it was being imported`);
    expect(stored).toBe(3); // img1 (already stored), img2 and img3 (new) were written before img4 failed
    expect(await workspaceCounts(t.ws)).toEqual(before);
  });

  it('and a later import of the same input still works', async () => {
    await importDataset(failingCommits(t.ws), { layout: 'imagefolder', dataset: 'new', path: dir }).catch(() => undefined);
    const s = await importDataset(t.ws, { layout: 'imagefolder', dataset: 'new', path: dir });
    expect(s).toMatchObject({ items: 4, newImages: 3, newBlobs: 3, createdDataset: true });
  });
});
