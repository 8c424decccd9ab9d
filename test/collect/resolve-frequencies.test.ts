import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassSet } from '../../src/classes/class-set.js';
import { matchFrequencies } from '../../src/collect/core/index.js';
import { dedupPool } from '../../src/collect/dedup-pool.js';
import { ingestCandidates } from '../../src/collect/ingest-candidates.js';
import { resolvePoolWithFrequencies } from '../../src/collect/resolve-pool.js';
import { decidePair } from '../../src/collect/review-queue.js';
import { importDataset } from '../../src/datasets/import-dataset.js';
import type { CollectCandidateRow } from '../../src/store/store.js';
import { createProject } from '../../src/verify/create-project.js';
import { TRANSFORMS } from '../../bench/collect-photo-like.mjs';
import { runHeldout } from '../helpers/run-heldout.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';
import { photoLikeJpeg, writeFiles } from './collect-fixtures.js';

const CAT = 'n02121620';
const DOG = 'n02084071';
const T0 = new Date('2026-05-01T12:00:00Z');

describe('matchFrequencies', () => {
  const cands = [{ id: 'c1', wnid: CAT, shas: ['s1', 's1-scaled'] }, { id: 'c2', wnid: CAT, shas: ['s2'] }, { id: 'c3', wnid: CAT, shas: ['s3'] }];
  it('matches by copy sha256 or by item name = id, only in the candidate\'s class, pooling rows', () => {
    const m = matchFrequencies(cands, [
      { image: 's1', wnid: CAT, selected: 3, shown: 4, items: [] },
      { image: 's1-scaled', wnid: CAT, selected: 1, shown: 4, items: [] },
      { image: 's1', wnid: DOG, selected: 0, shown: 9, items: [] }, // another class: not this candidate's frequency
      { image: 'other', wnid: CAT, selected: 2, shown: 5, items: ['crowd/pool/c2.jpg'] },
      { image: 'unseen', wnid: CAT, selected: 0, shown: 0, items: ['crowd/pool/c3'] },
    ]);
    expect(m.get('c1')).toEqual({ selected: 4, shown: 8, frequency: 0.5 });
    expect(m.get('c2')).toEqual({ selected: 2, shown: 5, frequency: 0.4 });
    expect(m.has('c3')).toBe(false);
  });
});

/**
 * Pool: two groups of near-copies (a ~ a′ resized, b ~ b′ re-encoded), deduplicated and confirmed. Crowd project `votes`
 * over dataset `crowd`: a and a′ appear as their stored originals (matched by sha256), b and b′ as re-encoded files
 * named `<candidate id>.jpg` (matched by name). In each group the candidate with the later id gets more selections.
 */
let t: TempWorkspace;
type Group = [CollectCandidateRow, CollectCandidateRow];
let groups: [Group, Group];

beforeAll(async () => {
  t = await tempWorkspace();
  const { ws } = t;
  const a = await photoLikeJpeg(61, { width: 200, height: 150 });
  const b = await photoLikeJpeg(62, { width: 200, height: 150 });
  await writeFiles(t.scratch, {
    [`ref/${CAT}/r.jpg`]: await photoLikeJpeg(60, { width: 200, height: 150 }),
    'cand/a.jpg': a, 'cand/a2.jpg': await TRANSFORMS.resized.apply(a), 'cand/b.jpg': b, 'cand/b2.jpg': await TRANSFORMS.reencoded.apply(b),
  });
  await importDataset(ws, { layout: 'imagefolder', dataset: 'ref', split: 'val', path: path.join(t.scratch, 'ref') });
  await ingestCandidates(ws, { pool: 'pool', source: { kind: 'folder', path: path.join(t.scratch, 'cand'), wnid: CAT } });
  await dedupPool(ws, { pool: 'pool', against: ['ref'] });
  const pool = (await ws.store.findPool('pool'))!;
  const byPath = new Map((await ws.store.listCandidates(pool.id)).map((c) => [c.source_path, c]));
  const pair = (x: string, y: string) => [byPath.get(x)!, byPath.get(y)!].sort((p, q) => (p.id < q.id ? -1 : 1)) as Group;
  groups = [pair('a.jpg', 'a2.jpg'), pair('b.jpg', 'b2.jpg')];
  for (const p of await ws.store.listPairs(pool.id)) {
    const same = groups.some(([x, y]) => p.candidate_id === x.id && p.reference_id === y.id);
    await decidePair(ws.store, 'pool', p.id, same ? 'same' : 'different', 'test');
  }

  // The crowd's dataset: items for the four candidates, plus one unrelated image.
  const d = await ws.store.createDataset({ name: 'crowd', description: '', classSet: 'file', classes: ClassSet.fromWnids('t', [CAT]).entries }, T0);
  const split = await ws.store.createSplit(d.id, { name: 'pool', labelsHidden: false, sourceLayout: 'test', sourcePath: 'x' }, T0);
  const items: Array<{ sha: string; name: string }> = [];
  for (const c of groups[0]) items.push({ sha: c.original_sha256!, name: `photo-${c.seq}.jpg` });
  for (const c of groups[1]) {
    const bytes = await sharp(await ws.blobs.get(c.scaled_sha256!)).jpeg({ quality: 70 }).toBuffer();
    items.push({ sha: (await ws.blobs.put(bytes)).sha256, name: `${c.id}.jpg` });
  }
  items.push({ sha: (await ws.blobs.put(await photoLikeJpeg(63, { width: 80, height: 60 }))).sha256, name: 'unrelated.jpg' });
  await ws.store.putImages(items.map((it) => ({ sha256: it.sha, width: 1, height: 1, format: 'jpeg', bytes: 1, created_at: T0.toISOString() })));
  await ws.store.addItems(split.id, items.map((it, position) => ({
    position, name: it.name, image_sha256: it.sha, wnid: CAT, source_path: null, source_url: null, license: null, date_taken: null, date_uploaded: null,
  })));
  const { project } = await createProject(ws.store, { name: 'votes', dataset: 'crowd', split: 'pool', classes: [CAT] }, T0);
  const stored = await ws.store.listItems(split.id);
  const [task] = await ws.store.addCrowdTasks(project.id, [{
    wnid: CAT, kind: 'grid', maxAssignments: 5,
    images: stored.map((it, i) => ({ publicId: `img${i}`, role: 'candidate', itemId: it.id, imageSha256: it.image_sha256, imageKey: it.image_sha256 })),
  }], T0);
  // Selections per item position over 5 workers: first ids 1 and 2 of 5, later ids 4 and 5 of 5.
  const selectedBy = [1, 4, 2, 5, 0];
  for (let w = 0; w < 5; w++) {
    const worker = await ws.store.createCrowdWorker({ name: `w${w}`, kind: 'simulated', simulated: true }, T0);
    await ws.store.addCrowdAssignments([{
      taskId: task!.id, workerId: worker.id, status: 'submitted', acceptedAt: T0.toISOString(), submittedAt: T0.toISOString(), reviewedAt: null,
      durationMs: 1000, feedback: null, externalId: null, selectedImageIds: task!.imageIds.filter((_, i) => w < selectedBy[i]!),
    }]);
  }
}, 60_000);
afterAll(() => t.cleanup());

describe('collect resolve with selection frequencies', () => {
  it('finds the one crowd project labelling the pool and keeps the most-selected candidate per group', async () => {
    const r = await resolvePoolWithFrequencies(t.ws.store, 'pool', { kind: 'auto' });
    expect(r.frequencies).toEqual({ project: 'votes', matched: 4 });
    expect(r.components.map((c) => c.kept)).toEqual(expect.arrayContaining([groups[0][1].id, groups[1][1].id]));
    expect(r.excluded.map((e) => e.candidate).sort()).toEqual([groups[0][0].id, groups[1][0].id].sort());
    expect(r.componentFrequencies[groups[0][1].id]).toEqual({ selected: 4, shown: 5, frequency: 0.8 });
    expect(r.componentFrequencies[groups[1][0].id]).toEqual({ selected: 2, shown: 5, frequency: 0.4 });
    const none = await resolvePoolWithFrequencies(t.ws.store, 'pool', { kind: 'none' });
    expect(none.frequencies).toBeNull();
    expect(none.components.map((c) => c.kept).sort()).toEqual([groups[0][0].id, groups[1][0].id].sort()); // first id
  });

  it('takes a named project on the CLI, and refuses an unknown one or two matching projects in auto mode', async () => {
    const run = await runHeldout(t.dataDir, 'collect', 'resolve', '--pool', 'pool', '--frequencies-from', 'votes', '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out).frequencies).toEqual({ project: 'votes', matched: 4 });
    const text = await runHeldout(t.dataDir, 'collect', 'resolve', '--pool', 'pool');
    expect(text.out).toContain('highest selection frequency in crowd project votes (4 of 4 candidates have one)');
    expect(text.out).toContain('selection frequency 0.80, n=5');
    expect((await runHeldout(t.dataDir, 'collect', 'resolve', '--pool', 'pool', '--frequencies-from', 'nope')).code).toBe(2);
    expect((await runHeldout(t.dataDir, 'collect', 'resolve', '--pool', 'pool', '--frequencies-from', 'votes', '--no-frequencies')).code).toBe(2);
    await createProject(t.ws.store, { name: 'votes-2', dataset: 'crowd', split: 'pool', classes: [CAT] }, T0);
    const p2 = (await t.ws.store.findCrowdProject('votes-2'))!;
    const items = await t.ws.store.listItems((await t.ws.store.findSplit((await t.ws.store.findDataset('crowd'))!.id, 'pool'))!.id);
    const [task] = await t.ws.store.addCrowdTasks(p2.id, [{ wnid: CAT, kind: 'grid', maxAssignments: 1, images: [{ publicId: 'x0', role: 'candidate', itemId: items[0]!.id, imageSha256: items[0]!.image_sha256, imageKey: items[0]!.image_sha256 }] }], T0);
    const w = await t.ws.store.createCrowdWorker({ name: 'w-2', kind: 'simulated', simulated: true }, T0);
    await t.ws.store.addCrowdAssignments([{ taskId: task!.id, workerId: w.id, status: 'submitted', acceptedAt: T0.toISOString(), submittedAt: T0.toISOString(), reviewedAt: null, durationMs: 1, feedback: null, externalId: null, selectedImageIds: [] }]);
    const ambiguous = await runHeldout(t.dataDir, 'collect', 'resolve', '--pool', 'pool');
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.err).toContain('crowd projects votes, votes-2 all label its candidates');
  });
});
