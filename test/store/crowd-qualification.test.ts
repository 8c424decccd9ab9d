import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { STORE_BACKENDS } from '../helpers/store-backends.js';
import { ClassSet } from '../../src/classes/class-set.js';

const T0 = new Date('2026-11-28T10:00:00Z');

// Qualification attempts and practice images (migration 0010) on every backend.
for (const backend of STORE_BACKENDS) describe.skipIf(!backend.available)(`crowd qualification store (${backend.name})`, () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'heldout-crowd-qual-'));
    store = await backend.open(dir);
  });
  afterEach(async () => {
    await store.close();
    await backend.destroy(dir);
    await rm(dir, { recursive: true, force: true });
  });

  it('starts attempts (one number per worker), records grid answers once, ends the attempt', async () => {
    const d = await store.createDataset({ name: 'd', description: '', classSet: 'file', classes: ClassSet.fromWnids('t', ['n04197391']).entries }, T0);
    const s = await store.createSplit(d.id, { name: 'test', labelsHidden: true, sourceLayout: 'x', sourcePath: 'x' }, T0);
    const shas = ['a', 'b', 'c', 'd'].map((c) => c.repeat(64));
    await store.putImages(shas.map((sha256) => ({ sha256, width: 1, height: 1, format: 'png', bytes: 1, created_at: T0.toISOString() })));
    const project = await store.createCrowdProject({ name: 'p', datasetId: d.id, poolSplitId: s.id, controlsSplitId: s.id, settings: '{}', classes: [{ wnid: 'n04197391', negativeWnid: null }] }, T0);
    const w = await store.createCrowdWorker({ name: 'w', kind: 'account', tokenHash: 'h', simulated: false }, T0);
    const images = shas.map((sha, i) => ({ grid: i >> 1, position: i & 1, wnid: 'n04197391', publicId: `pub-${i}`, itemId: null, imageSha256: sha, expected: i % 2 === 0 }));
    const a = await store.startCrowdQualification({ projectId: project.id, workerId: w.id, attempt: 1, minAccuracy: 0.75, images, now: T0 });
    expect(a).toMatchObject({ attempt: 1, status: 'open', min_accuracy: 0.75, correct: 0, total: 0, finished_at: null });
    await expect(store.startCrowdQualification({ projectId: project.id, workerId: w.id, attempt: 1, minAccuracy: 0.75, images: [], now: T0 })).rejects.toThrow();
    const rows = await store.crowdPracticeImages(a.id);
    expect(rows.map((r) => [r.grid, r.position, r.expected, r.answer])).toEqual([[0, 0, 1, null], [0, 1, 0, null], [1, 0, 1, null], [1, 1, 0, null]]);
    expect((await store.findCrowdPracticeImage('pub-2'))?.id).toBe(rows[2]!.id);

    expect(await store.answerCrowdPracticeGrid({ attemptId: a.id, grid: 0, selectedIds: [rows[0]!.id], now: T0 })).toBe(true);
    expect(await store.answerCrowdPracticeGrid({ attemptId: a.id, grid: 0, selectedIds: [], now: T0 })).toBe(false);
    expect(await store.answerCrowdPracticeGrid({ attemptId: a.id, grid: 1, selectedIds: [rows[2]!.id, rows[3]!.id], now: T0, finish: { status: 'passed', correct: 3, total: 4 } })).toBe(true);
    expect((await store.crowdPracticeImages(a.id)).map((r) => r.answer)).toEqual([1, 0, 1, 1]);
    expect(await store.crowdQualificationAttempts(project.id, w.id)).toMatchObject([{ status: 'passed', correct: 3, total: 4, finished_at: T0.toISOString() }]);
    // Nothing of it is a vote.
    expect((await store.tableCounts()).crowd_votes).toBe(0);
  });
});
