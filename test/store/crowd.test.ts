import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewCrowdTask, Store } from '../../src/store/store.js';
import { STORE_BACKENDS } from '../helpers/store-backends.js';
import { ClassSet } from '../../src/classes/class-set.js';

const T0 = new Date('2026-11-28T10:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const LEASE = 600_000;

/** A dataset with one pool split of `n` items, a project over it, and `tasks` tasks of 4 images each. */
async function seed(store: Store, { tasks = 2, maxAssignments = 3 } = {}) {
  const classes = ClassSet.fromWnids('t', ['n04197391', 'n03595614']).entries;
  const d = await store.createDataset({ name: 'd', description: '', classSet: 'file', classes }, T0);
  const s = await store.createSplit(d.id, { name: 'pool', labelsHidden: false, sourceLayout: 'x', sourcePath: 'x' }, T0);
  const shas = Array.from({ length: 8 }, (_, i) => i.toString(16).repeat(64));
  await store.putImages(shas.map((sha256) => ({ sha256, width: 1, height: 1, format: 'png', bytes: 1, created_at: T0.toISOString() })));
  await store.addItems(s.id, shas.map((sha, position) => ({
    position, name: `i${position}`, image_sha256: sha, wnid: 'n04197391', source_path: null, source_url: null, license: null, date_taken: null, date_uploaded: null,
  })));
  const items = await store.listItems(s.id);
  const project = await store.createCrowdProject({
    name: 'p', datasetId: d.id, poolSplitId: s.id, controlsSplitId: null, settings: '{}',
    classes: [{ wnid: 'n04197391', negativeWnid: 'n03595614' }, { wnid: 'n03595614', negativeWnid: null }],
  }, T0);
  const newTasks: NewCrowdTask[] = Array.from({ length: tasks }, (_, t) => ({
    wnid: 'n04197391', kind: 'grid', maxAssignments,
    images: [0, 1, 2, 3].map((k) => {
      const item = items[(t * 4 + k) % items.length]!;
      return { publicId: `pub-${t}-${k}`, role: k === 3 ? 'positive' : 'candidate', itemId: item.id, imageSha256: item.image_sha256, imageKey: item.image_sha256 };
    }),
  }));
  const created = await store.addCrowdTasks(project.id, newTasks, T0);
  const workers = [];
  for (let w = 0; w < 6; w++) workers.push(await store.createCrowdWorker({ name: `w${w}`, kind: 'account', tokenHash: `hash${w}`, simulated: false }, T0));
  return { project, created, workers };
}

// One suite, every backend: SQLite always, PostgreSQL when HELDOUT_PG_URL is set.
for (const backend of STORE_BACKENDS) describe.skipIf(!backend.available)(`crowd store (${backend.name})`, () => {
  const { open } = backend;
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'heldout-crowd-store-'));
    store = await open(dir);
  });
  afterEach(async () => {
    await store.close();
    await backend.destroy(dir);
    await rm(dir, { recursive: true, force: true });
  });

  it('stores projects, classes in order, and tasks whose image ids follow display order', async () => {
    const { project, created } = await seed(store);
    expect((await store.findCrowdProject('p'))?.id).toBe(project.id);
    expect((await store.crowdProjectClasses(project.id)).map((c) => [c.wnid, c.negative_wnid])).toEqual([['n04197391', 'n03595614'], ['n03595614', null]]);
    const images = await store.crowdTaskImages(project.id, { taskId: created[1]!.id });
    expect(images.map((i) => i.id)).toEqual(created[1]!.imageIds);
    expect(images.map((i) => i.public_id)).toEqual(['pub-1-0', 'pub-1-1', 'pub-1-2', 'pub-1-3']);
    expect(images[0]!.wnid).toBe('n04197391');
    expect((await store.findCrowdTaskImage('pub-0-3'))?.role).toBe('positive');
    await expect(store.createCrowdProject({ name: 'p', datasetId: project.dataset_id, poolSplitId: project.pool_split_id, controlsSplitId: null, settings: '{}', classes: [] }, T0)).rejects.toThrow();
  });

  it('finds workers by name, token hash and id; names and token hashes are unique; blocks', async () => {
    const { workers } = await seed(store);
    expect((await store.findCrowdWorker({ tokenHash: 'hash2' }))?.name).toBe('w2');
    expect((await store.findCrowdWorker({ name: 'w3' }))?.id).toBe(workers[3]!.id);
    expect((await store.findCrowdWorker({ id: workers[0]!.id }))?.blocked).toBe(0);
    await expect(store.createCrowdWorker({ name: 'w1', kind: 'account', simulated: false }, T0)).rejects.toThrow();
    await expect(store.createCrowdWorker({ name: 'other', kind: 'account', tokenHash: 'hash1', simulated: false }, T0)).rejects.toThrow();
    await store.setCrowdWorkerBlocked(workers[0]!.id, true);
    expect((await store.findCrowdWorker({ id: workers[0]!.id }))?.blocked).toBe(1);
  });

  it('leases the oldest open task, resumes a live lease, never gives a worker the same task twice', async () => {
    const { project, created, workers } = await seed(store, { tasks: 2 });
    const req = { projectId: project.id, workerId: workers[0]!.id, now: T0, leaseMs: LEASE };
    const first = await store.claimCrowdTask(req);
    expect(first).toMatchObject({ resumed: false, task: { id: created[0]!.id }, assignment: { status: 'accepted', lease_expires_at: at(600).toISOString() } });
    expect((await store.claimCrowdTask({ ...req, now: at(5) }))?.resumed).toBe(true);
    await store.submitCrowdAssignment({ assignmentId: first!.assignment.id, workerId: workers[0]!.id, selected: [], durationMs: 1, now: at(10) });
    expect((await store.claimCrowdTask({ ...req, now: at(11) }))?.task.id).toBe(created[1]!.id);
    await store.submitCrowdAssignment({ assignmentId: (await store.claimCrowdTask({ ...req, now: at(12) }))!.assignment.id, workerId: workers[0]!.id, selected: [], durationMs: 1, now: at(13) });
    expect(await store.claimCrowdTask({ ...req, now: at(14) })).toBeUndefined();
  });

  it('gives a task to at most max_assignments workers, even for concurrent claims', async () => {
    const { project, created, workers } = await seed(store, { tasks: 2, maxAssignments: 3 });
    const claims = await Promise.all(workers.map((w) => store.claimCrowdTask({ projectId: project.id, workerId: w.id, now: T0, leaseMs: LEASE })));
    const perTask = new Map<number, number>();
    for (const c of claims) perTask.set(c!.task.id, (perTask.get(c!.task.id) ?? 0) + 1);
    expect(Object.fromEntries(perTask)).toEqual({ [created[0]!.id]: 3, [created[1]!.id]: 3 });
    const extra = await store.createCrowdWorker({ name: 'late', kind: 'account', simulated: false }, T0);
    expect(await store.claimCrowdTask({ projectId: project.id, workerId: extra.id, now: at(1), leaseMs: LEASE })).toBeUndefined();
    // The database itself refuses a second assignment of one task to one worker.
    await expect(store.addCrowdAssignments([{ taskId: claims[0]!.task.id, workerId: claims[0]!.assignment.worker_id, status: 'submitted', acceptedAt: T0.toISOString(), submittedAt: null, reviewedAt: null, durationMs: null, feedback: null, externalId: null, selectedImageIds: [] }])).rejects.toThrow();
  });

  it('returns abandoned leases to the pool', async () => {
    const { project, workers } = await seed(store, { tasks: 1, maxAssignments: 1 });
    const a = await store.claimCrowdTask({ projectId: project.id, workerId: workers[0]!.id, now: T0, leaseMs: LEASE });
    expect(await store.claimCrowdTask({ projectId: project.id, workerId: workers[1]!.id, now: at(599), leaseMs: LEASE })).toBeUndefined();
    const b = await store.claimCrowdTask({ projectId: project.id, workerId: workers[1]!.id, now: at(600), leaseMs: LEASE });
    expect(b?.task.id).toBe(a!.task.id);
    const statuses = (await store.crowdAssignments(project.id)).map((x) => x.status);
    expect(statuses).toEqual(['abandoned', 'accepted']);
    // A worker can hand a lease back too.
    expect(await store.returnCrowdAssignment(b!.assignment.id, workers[1]!.id)).toBe(true);
    expect((await store.claimCrowdTask({ projectId: project.id, workerId: workers[2]!.id, now: at(601), leaseMs: LEASE }))?.task.id).toBe(a!.task.id);
  });

  it('records a submit once; malformed submits write nothing and say why', async () => {
    const { project, workers } = await seed(store, { tasks: 1 });
    const claim = (await store.claimCrowdTask({ projectId: project.id, workerId: workers[0]!.id, now: T0, leaseMs: LEASE }))!;
    const base = { assignmentId: claim.assignment.id, workerId: workers[0]!.id, selected: ['pub-0-1', 'pub-0-3'], durationMs: 4200, now: at(30) };
    const before = await store.tableCounts();
    expect(await store.submitCrowdAssignment({ ...base, assignmentId: 999 })).toEqual({ kind: 'not-found' });
    expect(await store.submitCrowdAssignment({ ...base, workerId: workers[1]!.id })).toEqual({ kind: 'not-yours' });
    expect(await store.submitCrowdAssignment({ ...base, selected: ['pub-0-1', 'nope'] })).toEqual({ kind: 'unknown-images', ids: ['nope'] });
    expect(await store.submitCrowdAssignment({ ...base, now: at(601) })).toEqual({ kind: 'expired' });
    await store.setCrowdWorkerBlocked(workers[0]!.id, true);
    expect(await store.submitCrowdAssignment(base)).toEqual({ kind: 'blocked' });
    await store.setCrowdWorkerBlocked(workers[0]!.id, false);
    expect(await store.tableCounts()).toEqual(before);

    const ok = await store.submitCrowdAssignment(base);
    expect(ok).toMatchObject({ kind: 'submitted', assignment: { status: 'submitted', duration_ms: 4200 } });
    const after = await store.tableCounts();
    expect(await store.submitCrowdAssignment(base)).toEqual({ kind: 'already-submitted', status: 'submitted' });
    expect(await store.tableCounts()).toEqual(after);
    expect(after.crowd_votes! - before.crowd_votes!).toBe(2);
    const votes = await store.crowdVotes(project.id);
    const ids = (await store.crowdTaskImages(project.id)).filter((i) => ['pub-0-1', 'pub-0-3'].includes(i.public_id)).map((i) => i.id);
    expect([...votes.taskImageId].sort()).toEqual(ids.sort());
    expect([...votes.assignmentId]).toEqual([claim.assignment.id, claim.assignment.id]);
  });

  it('reviews submitted work; a rejection frees the slot', async () => {
    const { project, workers } = await seed(store, { tasks: 1, maxAssignments: 1 });
    const c = (await store.claimCrowdTask({ projectId: project.id, workerId: workers[0]!.id, now: T0, leaseMs: LEASE }))!;
    expect(await store.reviewCrowdAssignments([c.assignment.id], 'approved', null, at(1))).toBe(0); // not submitted yet
    await store.submitCrowdAssignment({ assignmentId: c.assignment.id, workerId: workers[0]!.id, selected: [], durationMs: null, now: at(2) });
    expect((await store.crowdTaskSlots(project.id, at(3)))[0]).toMatchObject({ valid: 1, leased: 0, rejected: 0, maxAssignments: 1 });
    expect(await store.claimCrowdTask({ projectId: project.id, workerId: workers[1]!.id, now: at(3), leaseMs: LEASE })).toBeUndefined();
    expect(await store.reviewCrowdAssignments([c.assignment.id], 'rejected', 'controls failed', at(4))).toBe(1);
    expect(await store.reviewCrowdAssignments([c.assignment.id], 'rejected', 'again', at(5))).toBe(0);
    expect((await store.crowdTaskSlots(project.id, at(6)))[0]).toMatchObject({ valid: 0, rejected: 1 });
    expect((await store.claimCrowdTask({ projectId: project.id, workerId: workers[1]!.id, now: at(6), leaseMs: LEASE }))?.task.id).toBe(c.task.id);
    expect((await store.crowdTaskSlots(project.id, at(7)))[0]).toMatchObject({ valid: 0, leased: 1, rejected: 1 });
  });

  it('writes whole (imported) assignments with their votes, filtered by class', async () => {
    const { project, created, workers } = await seed(store, { tasks: 1 });
    const ids = await store.addCrowdAssignments([{
      taskId: created[0]!.id, workerId: workers[0]!.id, status: 'approved', acceptedAt: T0.toISOString(), submittedAt: at(60).toISOString(),
      reviewedAt: null, durationMs: 60_000, feedback: null, externalId: 'A1', selectedImageIds: [created[0]!.imageIds[0]!, created[0]!.imageIds[0]!],
    }]);
    expect(ids).toHaveLength(1);
    expect((await store.crowdVotes(project.id, { wnid: 'n04197391' })).assignmentId.length).toBe(1);
    expect((await store.crowdVotes(project.id, { wnid: 'n03595614' })).assignmentId.length).toBe(0);
    expect((await store.crowdAssignments(project.id))[0]).toMatchObject({ external_id: 'A1', status: 'approved' });
  });

  it('aggregates selections per task image, counts handed-in work, lists public ids, keys and external ids', async () => {
    const { project, created, workers } = await seed(store, { tasks: 2, maxAssignments: 3 });
    const [t1] = created;
    for (const [w, selected, status] of [[0, ['pub-0-0', 'pub-0-1'], 'submitted'], [1, ['pub-0-1'], 'submitted'], [2, ['pub-0-1', 'pub-0-2'], 'reject']] as const) {
      const c = (await store.claimCrowdTask({ projectId: project.id, workerId: workers[w]!.id, now: T0, leaseMs: LEASE }))!;
      expect(c.task.id).toBe(t1!.id);
      await store.submitCrowdAssignment({ assignmentId: c.assignment.id, workerId: workers[w]!.id, selected: [...selected], durationMs: 1, now: at(1) });
      if (status === 'reject') await store.reviewCrowdAssignments([c.assignment.id], 'rejected', null, at(2));
    }
    const counts = await store.crowdSelectionCounts(project.id);
    const byId = new Map([...counts.taskImageId].map((id, i) => [id, counts.selected[i]]));
    // Rejected work does not count: pub-0-1 was selected by 3 workers, 2 of them valid.
    expect([byId.get(t1!.imageIds[0]!), byId.get(t1!.imageIds[1]!), byId.get(t1!.imageIds[2]!)]).toEqual([1, 2, undefined]);
    expect(await store.countCrowdHandedIn(project.id, workers[2]!.id)).toBe(1);
    expect(await store.countCrowdHandedIn(project.id, workers[3]!.id)).toBe(0);
    expect(await store.crowdTaskPublicIds(t1!.id)).toEqual(['pub-0-0', 'pub-0-1', 'pub-0-2', 'pub-0-3']);
    const keys = await store.crowdTaskImageKeys(project.id);
    expect(keys).toHaveLength(8);
    expect(keys[0]).toMatchObject({ task_id: t1!.id, wnid: 'n04197391', item_name: 'i0', role: 'candidate' });
    expect(await store.crowdTaskExternalIds(project.id)).toEqual([]);
    await store.addCrowdTasks(project.id, [{ wnid: 'n04197391', kind: 'imported', maxAssignments: 1, externalId: 'HIT-1', images: [{ publicId: 'ext-1', role: 'candidate', itemId: null, imageSha256: null, imageKey: 'https://x/y.jpg' }] }], T0);
    expect(await store.crowdTaskExternalIds(project.id)).toEqual(['HIT-1']);
  });

  it('skips full tasks, reopens one when a slot frees, and heals a task wrongly flagged open', async () => {
    const { project, created, workers } = await seed(store, { tasks: 2, maxAssignments: 1 });
    const a = (await store.claimCrowdTask({ projectId: project.id, workerId: workers[0]!.id, now: T0, leaseMs: LEASE }))!;
    expect(a.task.id).toBe(created[0]!.id);
    // The next worker skips the full first task and gets the second.
    expect((await store.claimCrowdTask({ projectId: project.id, workerId: workers[1]!.id, now: T0, leaseMs: LEASE }))?.task.id).toBe(created[1]!.id);
    expect(await store.claimCrowdTask({ projectId: project.id, workerId: workers[2]!.id, now: T0, leaseMs: LEASE })).toBeUndefined();
    await store.returnCrowdAssignment(a.assignment.id, workers[0]!.id);
    const c = (await store.claimCrowdTask({ projectId: project.id, workerId: workers[2]!.id, now: T0, leaseMs: LEASE }))!;
    expect(c.task.id).toBe(created[0]!.id);
    // Reject (reopens the task), then reverse the decision: the task is full again but still flagged open.
    await store.submitCrowdAssignment({ assignmentId: c.assignment.id, workerId: workers[2]!.id, selected: [], durationMs: 1, now: at(1) });
    await store.reviewCrowdAssignments([c.assignment.id], 'rejected', null, at(2));
    await store.reviewCrowdAssignments([c.assignment.id], 'approved', null, at(3));
    // A claim recounts, closes it and finds nothing else.
    expect(await store.claimCrowdTask({ projectId: project.id, workerId: workers[3]!.id, now: at(4), leaseMs: LEASE })).toBeUndefined();
    expect((await store.crowdTaskSlots(project.id, at(4))).map((x) => x.valid + x.leased)).toEqual([1, 1]);
  });

  it('rolls a failed transaction back completely', async () => {
    const { project, workers } = await seed(store, { tasks: 1 });
    const before = await store.tableCounts();
    await expect(store.transaction(async (tx) => {
      await tx.addCrowdTasks(project.id, [{ wnid: 'n04197391', kind: 'grid', maxAssignments: 1, images: [{ publicId: 'x', role: 'candidate', itemId: null, imageSha256: null, imageKey: 'k' }] }], T0);
      await tx.createCrowdWorker({ name: 'tx', kind: 'account', simulated: true }, T0);
      await tx.claimCrowdTask({ projectId: project.id, workerId: workers[0]!.id, now: T0, leaseMs: LEASE });
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(await store.tableCounts()).toEqual(before);
  });
});
