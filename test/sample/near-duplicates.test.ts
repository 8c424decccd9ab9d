import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nearDuplicateStatus } from '../../src/sample/near-duplicate-status.js';
import { createRevision } from '../../src/sample/create-revision.js';
import type { NewCollectCandidate } from '../../src/store/store.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';
import { sampleFixture, T0 } from './sample-fixture.js';

let t: TempWorkspace;
/** The fixture project's candidate images: `[sha, wnid]` per candidate, sorted by sha. */
let shas: string[] = [];

const candidateRow = (id: string, poolId: number, seq: number, sha: string, wnid: string): NewCollectCandidate => ({
  id, pool_id: poolId, seq, wnid, status: 'accepted', reason: null, detail: null, original_sha256: sha, scaled_sha256: null, thumb_sha256: null,
  width: 16, height: 16, format: 'png', bytes: 100, source_name: 'test', source_id: id, source_url: null, source_path: null, owner: null,
  license: null, date_taken: null, date_uploaded: null, title: null, tags: null, created_at: T0.toISOString(),
});

beforeAll(async () => {
  t = await tempWorkspace();
  const loaded = await sampleFixture(t.ws);
  shas = [...new Set((await t.ws.store.crowdTaskImageKeys(loaded.project.id)).filter((i) => i.role === 'candidate').map((i) => i.image_sha256!))].sort();
}, 120_000);
afterAll(() => t.cleanup());

describe('near-duplicate status from the collect stage', () => {
  it('maps reviewed pairs to near-duplicate / review incomplete / clear, and the rest to not checked', async () => {
    const { store } = t.ws;
    const pool = await store.createPool({ name: 'c', description: '' }, T0);
    const wnid = 'n04197391';
    // Candidates 0–5 of the crowd project are in the pool; 6+ are not.
    await store.addCandidates(shas.slice(0, 6).map((sha, i) => candidateRow(`cand${i}`, pool.id, i, sha, wnid)));
    await store.setPoolReviewThresholds(pool.id, JSON.stringify({ phash: 8, dhash: 8, l2: 1.2e8 }));
    const ref = 'f'.repeat(64);
    await store.upsertPairs(pool.id, [
      { candidateId: 'cand0', referenceKind: 'image', referenceId: ref, distances: { phash: 2 } }, // same as a test image
      { candidateId: 'cand1', referenceKind: 'image', referenceId: ref, distances: { phash: 3 } }, // undecided
      { candidateId: 'cand2', referenceKind: 'image', referenceId: ref, distances: { phash: 4 } }, // different
      { candidateId: 'cand3', referenceKind: 'candidate', referenceId: 'cand4', distances: { phash: 1 } }, // same pair of candidates
      { candidateId: 'cand5', referenceKind: 'image', referenceId: ref, distances: { phash: 30 } }, // far: no review needed
    ], T0);
    const pairs = await store.listPairs(pool.id);
    const decide = (c: string, d: 'same' | 'different') => store.decidePair(pairs.find((p) => p.candidate_id === c)!.id, d, 'ann', T0);
    await decide('cand0', 'same');
    await decide('cand2', 'different');
    await decide('cand3', 'same');
    // cand4 is selected more often than cand3: it is the one kept of the two.
    const freq = new Map(shas.map((s, i) => [s, i === 4 ? 1 : 0.5]));
    const r = await nearDuplicateStatus(store, freq, null);
    expect(r.pools).toEqual(['c']);
    expect(r.status.get(shas[0]!)).toMatchObject({ kind: 'near-duplicate', detail: expect.stringContaining('same as reference image ffffffffffff') });
    expect(r.status.get(shas[1]!)).toEqual({ kind: 'review-incomplete' });
    expect(r.status.get(shas[2]!)).toEqual({ kind: 'clear' });
    expect(r.status.get(shas[3]!)).toMatchObject({ kind: 'near-duplicate', detail: expect.stringContaining('same as candidate cand4') });
    expect(r.status.get(shas[4]!)).toEqual({ kind: 'clear' });
    expect(r.status.get(shas[5]!)).toEqual({ kind: 'clear' });
    expect(r.status.has(shas[6]!)).toBe(false);
    await expect(nearDuplicateStatus(store, freq, ['nope'])).rejects.toThrow(/no candidate pool named "nope"/);
  });

  it('counts every reason in a revision\'s notes, and the skip flag only lets unchecked images through', async () => {
    const common = { pool: 'p', reference: 'fm', strategy: 'top' as const, seed: 5, minAnnotations: 4, collectPools: ['c'] };
    const strict = await createRevision(t.ws, { ...common, name: 'strict' }, { now: T0 });
    const total = (k: string) => strict.sampled.classes.reduce((s, c) => s + ((c.ineligible as Record<string, number>)[k] ?? 0), 0);
    expect([total('near-duplicate'), total('review-incomplete'), total('not-checked')]).toEqual([2, 1, 30]);
    expect(strict.sampled.images).toHaveLength(3);
    const loose = await createRevision(t.ws, { ...common, name: 'loose', skipNearDuplicateCheck: true }, { now: T0 });
    const ids = new Set(loose.sampled.images.map((i) => i.id));
    for (const k of [0, 1]) expect(ids.has(shas[k]!)).toBe(false);
    expect(ids.has(shas[3]!) && ids.has(shas[4]!)).toBe(false); // one of the confirmed pair is kept (by the real votes)
    expect(loose.notes.skippedNearDuplicateCheck).toBe(true);
  });
});
