import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dedupPool } from '../../src/collect/dedup-pool.js';
import { ingestCandidates } from '../../src/collect/ingest-candidates.js';
import { importDataset } from '../../src/datasets/import-dataset.js';
import { TRANSFORMS } from '../../bench/collect-photo-like.mjs';
import { runHeldout } from '../helpers/run-heldout.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';
import { photoLikeJpeg, writeFiles } from './collect-fixtures.js';

const CAT = 'n02121620';

/**
 * Pool of four cat photos: `ref` is a re-encoded copy of the reference image (a near-duplicate of the original test
 * set), `a2` a resized copy of `a` (a group inside the pool), `c` unrelated. The pairs are decided by a distance rule.
 */
let t: TempWorkspace;
beforeAll(async () => {
  t = await tempWorkspace();
  const r = await photoLikeJpeg(70, { width: 200, height: 150 });
  const a = await photoLikeJpeg(71, { width: 200, height: 150 });
  await writeFiles(t.scratch, {
    [`orig/${CAT}/r.jpg`]: r,
    'cand/ref.jpg': await TRANSFORMS.reencoded.apply(r), 'cand/a.jpg': a, 'cand/a2.jpg': await TRANSFORMS.resized.apply(a),
    'cand/c.jpg': await photoLikeJpeg(72, { width: 200, height: 150 }),
  });
  await importDataset(t.ws, { layout: 'imagefolder', dataset: 'orig', split: 'test', path: path.join(t.scratch, 'orig') });
  await ingestCandidates(t.ws, { pool: 'p', source: { kind: 'folder', path: path.join(t.scratch, 'cand'), wnid: CAT } });
  await dedupPool(t.ws, { pool: 'p', against: ['orig'] });
}, 60_000);
afterAll(() => t.cleanup());

describe('collect review --decide-by and collect publish', () => {
  it('leaves out candidates whose close pairs are undecided', async () => {
    const r = await runHeldout(t.dataDir, 'collect', 'publish', '--pool', 'p', '--dataset', 'orig', '--split', 'early', '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out) as { published: number; unreviewed: number; excluded: number };
    expect(s).toMatchObject({ published: 1, unreviewed: 3, excluded: 0 }); // only c has no close pair
  });

  it('rejects a malformed rule and decides pending pairs by a valid one, recording the rule as reviewer', async () => {
    expect((await runHeldout(t.dataDir, 'collect', 'review', '--pool', 'p', '--decide-by', 'l2<2e7')).code).toBe(2);
    const r = await runHeldout(t.dataDir, 'collect', 'review', '--pool', 'p', '--decide-by', 'phash<=4', '--else-different', '--json');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out) as { reviewer: string; same: number; different: number; pending: number };
    expect(d.reviewer).toBe('rule:phash<=4');
    expect(d.same).toBeGreaterThanOrEqual(2); // ref ~ the original, a ~ a2
    expect(d.pending).toBe(0);
  });

  it('publishes the usable candidates as a visible split of an existing dataset: no near-duplicate of the test set, one per group', async () => {
    const r = await runHeldout(t.dataDir, 'collect', 'publish', '--pool', 'p', '--dataset', 'orig', '--split', 'cands', '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out) as { published: number; excluded: number; createdDataset: boolean };
    expect(s).toMatchObject({ published: 2, excluded: 2, createdDataset: false });
    const d = (await t.ws.store.findDataset('orig'))!;
    const split = (await t.ws.store.findSplit(d.id, 'cands'))!;
    expect(split.labels_hidden).toBe(0);
    const items = await t.ws.store.listItems(split.id);
    const pool = (await t.ws.store.findPool('p'))!;
    const cands = new Map((await t.ws.store.listCandidates(pool.id)).map((c) => [c.id, c]));
    for (const it of items) {
      const c = cands.get(it.name.replace(/\.[a-z]+$/, ''))!;
      expect(it.image_sha256).toBe(c.scaled_sha256);
      expect(['c.jpg', 'a.jpg', 'a2.jpg']).toContain(c.source_path);
    }
    const again = await runHeldout(t.dataDir, 'collect', 'publish', '--pool', 'p', '--dataset', 'orig', '--split', 'cands');
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already has a split "cands"/);
  });

  it('needs --classes to create a new dataset', async () => {
    const r = await runHeldout(t.dataDir, 'collect', 'publish', '--pool', 'p', '--dataset', 'fresh');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/pass --classes/);
  });
});
