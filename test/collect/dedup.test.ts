import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDataset } from '../../src/datasets/import-dataset.js';
import { ingestCandidates } from '../../src/collect/ingest-candidates.js';
import { dedupPool } from '../../src/collect/dedup-pool.js';
import { decidePair, reviewQueue } from '../../src/collect/review-queue.js';
import { resolvePool } from '../../src/collect/resolve-pool.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';
import { TRANSFORMS } from '../../bench/collect-photo-like.mjs';
import { photoLikeJpeg, writeFiles } from './collect-fixtures.js';

const NOW = new Date('2026-11-28T12:00:00Z');
const DOG = 'n02084071';
let t: TempWorkspace;
const photo = (seed: number) => photoLikeJpeg(seed, { width: 320, height: 240 });

beforeAll(async () => {
  t = await tempWorkspace();
  // Reference set: 6 photos. Candidates: edited copies of references 1–4, a mirrored copy of 5, two unrelated
  // photos, and a re-encoded copy of one unrelated photo (a near-duplicate within the pool).
  const refs: Record<string, Buffer> = {};
  for (let s = 1; s <= 6; s++) refs[`ref/${DOG}/r${s}.jpg`] = await photo(s);
  const cand: Record<string, Buffer> = {
    'cand/1-reencoded.jpg': await TRANSFORMS.reencoded.apply(refs[`ref/${DOG}/r1.jpg`]!),
    'cand/2-resized.jpg': await TRANSFORMS.resized.apply(refs[`ref/${DOG}/r2.jpg`]!),
    'cand/3-brightened.jpg': await TRANSFORMS.brightened.apply(refs[`ref/${DOG}/r3.jpg`]!),
    'cand/4-cropped.jpg': await TRANSFORMS.cropped.apply(refs[`ref/${DOG}/r4.jpg`]!),
    'cand/5-mirrored.jpg': await TRANSFORMS.mirrored.apply(refs[`ref/${DOG}/r5.jpg`]!),
    'cand/u1.jpg': await photo(101),
    'cand/u2.jpg': await photo(102),
    'cand/u2-again.jpg': await TRANSFORMS.reencoded.apply(await photo(102)),
  };
  await writeFiles(t.scratch, { ...refs, ...cand });
  await importDataset(t.ws, { layout: 'imagefolder', dataset: 'ref', split: 'val', path: path.join(t.scratch, 'ref') });
  await ingestCandidates(t.ws, { pool: 'pool', source: { kind: 'folder', path: path.join(t.scratch, 'cand'), wnid: DOG } }, { now: NOW });
}, 120_000);
afterAll(() => t.cleanup());

describe('dedup', () => {
  it('finds edited copies of reference images and near-duplicates within the pool', async () => {
    const s = await dedupPool(t.ws, { pool: 'pool', against: ['ref'] }, { now: NOW });
    expect(s).toMatchObject({ referenceSplits: ['ref/val'], referenceImages: 6, hashedNow: 6, candidates: 8 });
    const cands = await t.ws.store.listCandidates(s.pool.id);
    const idOf = (p: string) => cands.find((c) => c.source_path === p)!.id;
    const refSha = async (n: number) => (await t.ws.store.listItems((await t.ws.store.findSplit((await t.ws.store.findDataset('ref'))!.id, 'val'))!.id)).find((i) => i.name.endsWith(`r${n}.jpg`))!.image_sha256;
    const pairsOf = (id: string) => s.pairs.filter((p) => p.candidate === id || p.reference === id);
    for (const [file, ref] of [['1-reencoded.jpg', 1], ['2-resized.jpg', 2], ['3-brightened.jpg', 3], ['4-cropped.jpg', 4]] as const) {
      const hits = pairsOf(idOf(file));
      expect(hits.find((h) => h.metric === 'phash'), file).toMatchObject({ reference: await refSha(ref), referenceKind: 'image' });
      expect(new Set(hits.map((h) => h.reference))).toEqual(new Set([await refSha(ref)]));
    }
    expect(pairsOf(idOf('5-mirrored.jpg'))).toEqual([]); // no metric here is mirror-invariant (docs/collect.md)
    expect(pairsOf(idOf('u1.jpg'))).toEqual([]);
    const within = pairsOf(idOf('u2.jpg'));
    expect(within.map((p) => p.metric).sort()).toEqual(['dhash', 'l2', 'phash']);
    expect(within[0]).toMatchObject({ referenceKind: 'candidate' });
    expect([within[0]!.candidate, within[0]!.reference].sort()).toEqual([idOf('u2.jpg'), idOf('u2-again.jpg')].sort());
    for (const p of s.pairs) expect(p.distance).toBeLessThanOrEqual(s.thresholds[p.metric]);
  });

  it('hashes reference images once, keeps pairs on rerun, and reviews and resolves them', async () => {
    const again = await dedupPool(t.ws, { pool: 'pool', against: ['ref/val'], maxHamming: 6 }, { now: NOW });
    expect(again).toMatchObject({ hashedNow: 0, newPairs: 0, thresholds: { phash: 6, dhash: 6, l2: 1.2e8 } });
    const q = await reviewQueue(t.ws.store, 'pool');
    expect(q.toReview).toBe(5);
    expect(q.decided).toBe(0);
    expect(q.pairs[0]!.referenceItem).toMatchObject({ dataset: 'ref', split: 'val' });
    expect(q.pairs.every((p) => p.candidateBlob && p.referenceBlob)).toBe(true);
    for (const p of q.pairs) await decidePair(t.ws.store, 'pool', p.id, p.referenceKind === 'image' && p.distances.phash! > 2 ? 'different' : 'same', 'tester', NOW);
    const after = await reviewQueue(t.ws.store, 'pool', { status: 'all' });
    expect(after).toMatchObject({ toReview: 5, decided: 5 });
    expect((await reviewQueue(t.ws.store, 'pool')).pairs).toEqual([]);

    const r = await resolvePool(t.ws.store, 'pool');
    expect(r.unreviewed).toEqual([]);
    const refExcluded = r.excluded.filter((e) => e.kind === 'near-duplicate-of-reference');
    const sameRefs = after.pairs.filter((p) => p.decision === 'same' && p.referenceKind === 'image').length;
    expect(refExcluded).toHaveLength(sameRefs);
    const kept = r.excluded.filter((e) => e.kind === 'near-duplicate-of-candidate');
    expect(kept).toHaveLength(1); // of the within-pool pair, the first id stays
    expect(r.eligible).toBe(r.accepted - r.excluded.length);
    await expect(decidePair(t.ws.store, 'pool', 99_999, 'same', null)).rejects.toThrow(/no pair 99999/);
  });

  it('fails with one line for unknown pools and references', async () => {
    await expect(dedupPool(t.ws, { pool: 'nope', against: ['ref'] })).rejects.toThrow(/no candidate pool named "nope" \(pools: pool\)/);
    await expect(dedupPool(t.ws, { pool: 'pool', against: ['nope'] })).rejects.toThrow(/no dataset named "nope"/);
    await expect(dedupPool(t.ws, { pool: 'pool', against: ['ref/test'] })).rejects.toThrow(/no split "test"/);
  });
});
