import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewCollectCandidate, Store } from '../../src/store/store.js';
import { STORE_BACKENDS } from '../helpers/store-backends.js';

const NOW = new Date('2026-11-28T10:00:00Z');
const sha = (c: string) => c.repeat(64);

function candidate(id: string, poolId: number, seq: number, over: Partial<NewCollectCandidate> = {}): NewCollectCandidate {
  return {
    id, pool_id: poolId, seq, wnid: 'n02084071', status: 'accepted', reason: null, detail: null,
    original_sha256: sha(id[0]!), scaled_sha256: sha('e'), thumb_sha256: sha('f'), width: 640, height: 480, format: 'jpeg', bytes: 1000,
    source_name: 'flickr', source_id: `p${id}`, source_url: null, source_path: `${id}.jpg`, owner: null, license: null,
    date_taken: null, date_uploaded: null, title: null, tags: null, created_at: NOW.toISOString(), ...over,
  };
}

// One suite, every backend: SQLite always, PostgreSQL when HELDOUT_PG_URL is set.
for (const backend of STORE_BACKENDS) describe.skipIf(!backend.available)(`collect store (${backend.name})`, () => {
  const { open } = backend;
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'heldout-collect-store-'));
    store = await open(dir);
  });
  afterEach(async () => {
    await store.close();
    await backend.destroy(dir);
    await rm(dir, { recursive: true, force: true });
  });

  it('creates pools, stores candidates in seq order and counts them by status and reason', async () => {
    const pool = await store.createPool({ name: 'p', description: 'd' }, NOW);
    await expect(store.createPool({ name: 'p', description: '' }, NOW)).rejects.toThrow();
    expect(await store.nextCandidateSeq(pool.id)).toBe(0);
    await store.addCandidates([
      candidate('b1', pool.id, 1),
      candidate('a0', pool.id, 0),
      candidate('c2', pool.id, 2, { status: 'rejected', reason: 'too-small', detail: '10×10', original_sha256: null, scaled_sha256: null, thumb_sha256: null }),
    ]);
    expect(await store.nextCandidateSeq(pool.id)).toBe(3);
    expect((await store.listCandidates(pool.id)).map((c) => c.id)).toEqual(['a0', 'b1', 'c2']);
    expect((await store.listCandidates(pool.id, { status: 'accepted', limit: 1, offset: 1 })).map((c) => c.id)).toEqual(['b1']);
    expect(await store.countCandidates(pool.id, 'rejected')).toBe(1);
    expect(Object.fromEntries(await store.rejectionCounts(pool.id))).toEqual({ 'too-small': 1 });
    expect(Object.fromEntries(await store.findCandidateIds(['a0', 'zz', 'c2']))).toEqual({ a0: pool.id, c2: pool.id });
    expect((await store.findCandidateByOriginal(pool.id, sha('a')))?.id).toBe('a0');
    expect(await store.isCandidateBlob(sha('f'))).toBe(true);
    expect(await store.isCandidateBlob(sha('9'))).toBe(false);
    await expect(store.addCandidates([candidate('a0', pool.id, 9)])).rejects.toThrow(); // ids are unique
    const [summary] = await store.listPools();
    expect(summary).toMatchObject({ name: 'p', accepted: 2, rejected: 1, pairs: 0, reviewed: 0 });
  });

  it('stores hashes once per subject and joins them to accepted candidates', async () => {
    const pool = await store.createPool({ name: 'p', description: '' }, NOW);
    await store.addCandidates([candidate('a0', pool.id, 0), candidate('b1', pool.id, 1, { status: 'rejected', reason: 'corrupt-image' })]);
    const h = (kind: 'image' | 'candidate', id: string) => ({ subjectKind: kind, subjectId: id, phash: '0123456789abcdef', dhash: 'fedcba9876543210' });
    expect(await store.putHashes([h('candidate', 'a0'), h('candidate', 'b1'), h('image', sha('1'))])).toBe(3);
    expect(await store.putHashes([h('image', sha('1'))])).toBe(0);
    expect((await store.findHashes('image', [sha('1'), sha('2')])).map((r) => r.subject_id)).toEqual([sha('1')]);
    expect(await store.poolCandidateHashes(pool.id)).toEqual([{ id: 'a0', phash: '0123456789abcdef', dhash: 'fedcba9876543210' }]);
  });

  it('upserts pairs with per-metric distances and keeps decisions across reruns', async () => {
    const pool = await store.createPool({ name: 'p', description: '' }, NOW);
    await store.addCandidates([candidate('a0', pool.id, 0), candidate('b1', pool.id, 1)]);
    const first = await store.upsertPairs(pool.id, [
      { candidateId: 'a0', referenceKind: 'image', referenceId: sha('1'), distances: { phash: 3, l2: 1.5e7 } },
      { candidateId: 'a0', referenceKind: 'candidate', referenceId: 'b1', distances: { dhash: 8 } },
    ], NOW);
    expect(first.added).toBe(2);
    const [p1] = await store.listPairs(pool.id);
    await store.decidePair(p1!.id, 'different', null, NOW);
    await store.decidePair(p1!.id, 'same', 'ana', NOW);
    const again = await store.upsertPairs(pool.id, [{ candidateId: 'a0', referenceKind: 'image', referenceId: sha('1'), distances: { phash: 2, dhash: 5 } }], NOW);
    expect(again.added).toBe(0);
    const pair = await store.findPair(p1!.id);
    expect(pair).toMatchObject({ candidate_id: 'a0', reference_kind: 'image', decision: 'same', reviewer: 'ana', distances: { phash: 2, dhash: 5, l2: 1.5e7 } });
    expect(await store.findPair(999)).toBeUndefined();
    expect((await store.listPools())[0]).toMatchObject({ pairs: 2, reviewed: 1 });
    await store.setPoolReviewThresholds(pool.id, '{"phash":6}');
    expect((await store.findPool('p'))?.review_thresholds).toBe('{"phash":6}');
  });

  it('rolls a failed collect transaction back completely', async () => {
    const before = await store.tableCounts();
    await expect(store.transaction(async (tx) => {
      const pool = await tx.createPool({ name: 'p', description: '' }, NOW);
      await tx.addCandidates([candidate('a0', pool.id, 0)]);
      await tx.putHashes([{ subjectKind: 'candidate', subjectId: 'a0', phash: '0'.repeat(16), dhash: '0'.repeat(16) }]);
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(await store.tableCounts()).toEqual(before);
    expect(before).toMatchObject({ collect_pools: 0, collect_candidates: 0, collect_hashes: 0, collect_pairs: 0, collect_pair_distances: 0, collect_reviews: 0 });
  });
});
