import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewCrowdTask, Store } from '../../src/store/store.js';
import { STORE_BACKENDS } from '../helpers/store-backends.js';
import { ClassSet } from '../../src/classes/class-set.js';

const T0 = new Date('2026-11-28T10:00:00Z');

for (const backend of STORE_BACKENDS) describe.skipIf(!backend.available)(`crowd task columns (${backend.name})`, () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'heldout-crowd-columns-'));
    store = await backend.open(dir);
  });
  afterEach(async () => {
    await store.close();
    await backend.destroy(dir);
    await rm(dir, { recursive: true, force: true });
  });

  it('numbers pairs at task creation and reads images and valid selections one packed row per task', async () => {
    const classes = ClassSet.fromWnids('t', ['n04197391', 'n03595614']).entries;
    const d = await store.createDataset({ name: 'd', description: '', classSet: 'file', classes }, T0);
    const s = await store.createSplit(d.id, { name: 'pool', labelsHidden: false, sourceLayout: 'x', sourcePath: 'x' }, T0);
    const c = await store.createSplit(d.id, { name: 'controls', labelsHidden: true, sourceLayout: 'x', sourcePath: 'x' }, T0);
    const shas = ['a', 'b', 'c'].map((ch) => ch.repeat(64));
    await store.putImages(shas.map((sha256) => ({ sha256, width: 1, height: 1, format: 'png', bytes: 1, created_at: T0.toISOString() })));
    // Names with commas, quotes and separator characters: packed texts are length-prefixed, so none needs a fallback.
    const names = ['plain.png', 'with, comma \'quote\'.png', 'odd\u001fname.png'];
    await store.addItems(s.id, shas.map((sha, position) => ({
      position, name: names[position]!, image_sha256: sha, wnid: 'n04197391', source_path: null, source_url: null, license: null, date_taken: null, date_uploaded: null,
    })));
    // The controls split holds image a again, as another item: one pair, two items.
    await store.addItems(c.id, [{ position: 0, name: 'dup.png', image_sha256: shas[0]!, wnid: 'n04197391', source_path: null, source_url: null, license: null, date_taken: null, date_uploaded: null }]);
    const items = await store.listItems(s.id);
    const [control] = await store.listItems(c.id);
    const project = await store.createCrowdProject({
      name: 'p', datasetId: d.id, poolSplitId: s.id, controlsSplitId: c.id, settings: '{}', classes: [{ wnid: 'n04197391', negativeWnid: null }, { wnid: 'n03595614', negativeWnid: null }],
    }, T0);
    const img = (k: number, publicId: string, role = 'candidate') => ({ publicId, role, itemId: items[k]!.id, imageSha256: items[k]!.image_sha256, imageKey: items[k]!.image_sha256 });
    const tasks: NewCrowdTask[] = [
      { wnid: 'n04197391', kind: 'grid', maxAssignments: 3, images: [img(0, 'a0'), img(1, 'a1', 'positive')] },
      { wnid: 'n04197391', kind: 'grid', maxAssignments: 3, images: [img(2, 'b0'), { publicId: 'b1', role: 'negative', itemId: null, imageSha256: null, imageKey: 'https://x/y,z.jpg' }] },
      { wnid: 'n03595614', kind: 'imported', maxAssignments: 3, images: [{ publicId: 'c0', role: 'candidate', itemId: null, imageSha256: null, imageKey: 'key\u001ewith separator' }] },
      { wnid: 'n03595614', kind: 'grid', maxAssignments: 3, images: [] },
    ];
    const created = await store.addCrowdTasks(project.id, tasks, T0);
    // A later task repeats pairs: image a (now as the control item) and image c; image a in the other class is a new pair.
    const [later] = await store.addCrowdTasks(project.id, [{
      wnid: 'n04197391', kind: 'grid', maxAssignments: 3,
      images: [{ publicId: 'e0', role: 'positive', itemId: control!.id, imageSha256: shas[0]!, imageKey: shas[0]! }, img(2, 'e1')],
    }, { wnid: 'n03595614', kind: 'grid', maxAssignments: 3, images: [img(0, 'f0')] }], T0);
    const workers: Array<{ id: number }> = [];
    for (let w = 0; w < 3; w++) workers.push(await store.createCrowdWorker({ name: `w${w}`, kind: 'account', tokenHash: `h${w}`, simulated: false }, T0));
    const work = [[0, ['a0', 'a1'], 'submitted'], [1, ['a1'], 'approved'], [2, ['a0'], 'rejected']] as const;
    await store.addCrowdAssignments(work.map(([w, sel, status]) => ({
      taskId: created[0]!.id, workerId: workers[w]!.id, status, acceptedAt: T0.toISOString(), submittedAt: T0.toISOString(), reviewedAt: null,
      durationMs: 1, feedback: null, externalId: null, selectedImageIds: sel.map((p) => created[0]!.imageIds[p === 'a0' ? 0 : 1]!),
    })));
    await store.addCrowdAssignments([{
      taskId: created[2]!.id, workerId: workers[0]!.id, status: 'submitted', acceptedAt: T0.toISOString(), submittedAt: T0.toISOString(), reviewedAt: null,
      durationMs: 1, feedback: null, externalId: null, selectedImageIds: [created[2]!.imageIds[0]!],
    }]);
    // Through a claim and a submit too (the worker's path), selecting the second image of the later task.
    const claim = await store.claimCrowdTask({ projectId: project.id, workerId: workers[1]!.id, now: T0, leaseMs: 60_000, wnid: 'n04197391' });
    expect(claim?.task.id).toBe(created[1]!.id);
    await store.returnCrowdAssignment(claim!.assignment.id, workers[1]!.id);
    const asg = await store.addCrowdAssignments([{
      taskId: later!.id, workerId: workers[2]!.id, status: 'accepted', acceptedAt: T0.toISOString(), submittedAt: null, reviewedAt: null,
      durationMs: null, feedback: null, externalId: null, selectedImageIds: [],
    }]);
    expect(await store.submitCrowdAssignment({ assignmentId: asg[0]!, workerId: workers[2]!.id, selected: ['e1'], durationMs: 5, now: T0 })).toMatchObject({ kind: 'submitted' });
    await expect(store.addCrowdAssignments([{
      taskId: created[1]!.id, workerId: workers[2]!.id, status: 'submitted', acceptedAt: T0.toISOString(), submittedAt: T0.toISOString(), reviewedAt: null,
      durationMs: 1, feedback: null, externalId: null, selectedImageIds: [created[0]!.imageIds[0]!],
    }])).rejects.toThrow(/not an image of task/);

    const cols = await store.crowdTaskColumns(project.id);
    expect([...cols.taskId]).toEqual([...created.map((t) => t.id), later!.id, later!.id + 1]);
    expect(cols.wnid).toEqual(['n04197391', 'n04197391', 'n03595614', 'n03595614', 'n04197391', 'n03595614']);
    expect([...cols.validAssignments]).toEqual([2, 0, 1, 0, 1, 0]);
    expect([...cols.taskStart]).toEqual([0, 2, 4, 5, 5, 7, 8]);
    expect([...cols.pair]).toEqual([0, 1, 2, 3, 4, 0, 2, 5]);
    expect([...cols.role].map((r) => cols.roleNames[r])).toEqual(['candidate', 'positive', 'candidate', 'negative', 'candidate', 'positive', 'candidate', 'candidate']);
    expect([...cols.itemId]).toEqual([items[0]!.id, items[1]!.id, items[2]!.id, 0, 0, control!.id, items[2]!.id, items[0]!.id]);
    // Valid selections only (the rejected assignment's a0 is left out).
    expect([...cols.selected]).toEqual([1, 2, 0, 0, 1, 0, 1, 0]);
    expect(cols.pairImageKey.toArray()).toEqual([...shas, 'https://x/y,z.jpg', 'key\u001ewith separator', shas[0]]);
    expect(cols.pairImageSha256.toArray()).toEqual([...shas, null, null, shas[0]]);
    expect([...cols.pairItemId]).toEqual([items[0]!.id, items[1]!.id, items[2]!.id, 0, 0, items[0]!.id]);
    expect([...cols.pairItemSplitId]).toEqual([s.id, s.id, s.id, 0, 0, s.id]);
    expect(cols.pairItemRef.toArray()).toEqual([...names.map((n) => `d/pool/${n}`), null, null, `d/pool/${names[0]}`]);
    expect([...cols.otherItems]).toEqual([[control!.id, { splitId: c.id, ref: 'd/controls/dup.png' }]]);

    const one = await store.crowdTaskColumns(project.id, { wnid: 'n03595614' });
    expect([...one.taskId]).toEqual([created[2]!.id, created[3]!.id, later!.id + 1]);
    expect([...one.pair]).toEqual([0, 1]);
    expect(one.pairImageKey.toArray()).toEqual(['key\u001ewith separator', shas[0]]);
    expect([...one.selected]).toEqual([1, 0]);
    expect([...one.validAssignments]).toEqual([1, 0, 0]);
  });

  it('reads an empty project', async () => {
    const classes = ClassSet.fromWnids('t', ['n04197391']).entries;
    const d = await store.createDataset({ name: 'd', description: '', classSet: 'file', classes }, T0);
    const s = await store.createSplit(d.id, { name: 'pool', labelsHidden: false, sourceLayout: 'x', sourcePath: 'x' }, T0);
    const project = await store.createCrowdProject({ name: 'p', datasetId: d.id, poolSplitId: s.id, controlsSplitId: null, settings: '{}', classes: [{ wnid: 'n04197391', negativeWnid: null }] }, T0);
    const cols = await store.crowdTaskColumns(project.id);
    expect([cols.taskId.length, cols.pair.length, cols.pairImageKey.length, [...cols.taskStart]]).toEqual([0, 0, 0, [0]]);
  });
});
