import path from 'node:path';
import { importDataset } from '../../src/datasets/import-dataset.js';
import { ingestCandidates } from '../../src/collect/ingest-candidates.js';
import { dedupPool } from '../../src/collect/dedup-pool.js';
import type { Workspace } from '../../src/store/workspace.js';
import { TRANSFORMS } from '../../bench/collect-photo-like.mjs';
import { photoLikeJpeg, writeFiles } from './collect-fixtures.js';

export const CAT = 'n02121620';

/**
 * A workspace with reference dataset `ref` (split `val` visible, split `test` hidden) and pool `pool` holding a
 * resized copy of a val image, a brightened copy of a test image and an unrelated photo, deduplicated: two pairs.
 */
export async function reviewFixture(ws: Workspace, scratch: string): Promise<void> {
  const val = await photoLikeJpeg(41, { width: 200, height: 150 });
  const test = await photoLikeJpeg(42, { width: 200, height: 150 });
  await writeFiles(scratch, {
    [`val/${CAT}/v.jpg`]: val,
    [`test/${CAT}/t.jpg`]: test,
    'cand/from-val.jpg': await TRANSFORMS.resized.apply(val),
    'cand/from-test.jpg': await TRANSFORMS.brightened.apply(test),
    'cand/other.jpg': await photoLikeJpeg(43, { width: 200, height: 150 }),
  });
  await importDataset(ws, { layout: 'imagefolder', dataset: 'ref', split: 'val', path: path.join(scratch, 'val') });
  await importDataset(ws, { layout: 'imagefolder', dataset: 'ref', split: 'test', hidden: true, path: path.join(scratch, 'test') });
  await ingestCandidates(ws, { pool: 'pool', description: 'demo <pool>', source: { kind: 'folder', path: path.join(scratch, 'cand'), wnid: CAT } });
  await dedupPool(ws, { pool: 'pool', against: ['ref'] });
}
