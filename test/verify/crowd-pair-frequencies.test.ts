import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Migrator, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackendConnection } from '../../src/store/backend.js';
import { kyselyStore } from '../../src/store/kysely-store.js';
import { migrationProvider } from '../../src/store/migrations/index.js';
import { runMigrations } from '../../src/store/migrations/run-migrations.js';
import { connectStore } from '../../src/store/open-store.js';
import type { NewCrowdTask, Store } from '../../src/store/store.js';
import { ClassSet } from '../../src/classes/class-set.js';
import { binomialInterval, seededRng, type Rng } from '../../src/stats/index.js';
import { findProjectOrThrow } from '../../src/verify/find-project.js';
import { frequencyRowsOfVotes, frequencyTable, type FrequencyRow } from '../../src/verify/frequency-rows.js';
import { loadProjectVotes } from '../../src/verify/project-votes.js';
import { PG_URL, scratchPostgres } from '../helpers/store-backends.js';

const T0 = new Date('2026-11-28T10:00:00Z');
const WNIDS = ['n04197391', 'n03595614', 'n02084071'];
/** Keys of images that matched no stored image (imported tasks), with characters other formats use as separators. */
const LOOSE_KEYS = ['https://x/y,z.jpg', 'key\u001ewith|separator', 'a:b;c', '-', '😀.png'];

const BACKENDS = [
  { name: 'sqlite', available: true, url: (dir: string) => ({ url: `sqlite:${path.join(dir, 'heldout.db')}`, drop: async () => {} }) },
  { name: 'postgres', available: PG_URL !== undefined, url: () => scratchPostgres() },
] as const;

/** Brings a fresh database to migration `target` only, as a store created before the later ones would be. */
async function migrateTo(conn: BackendConnection, target: string): Promise<void> {
  const db = (conn.features.migrationPlugins ?? []).reduce((d, plugin) => d.withPlugin(plugin), conn.db);
  const migrator = new Migrator({
    db, provider: migrationProvider(conn.features), allowUnorderedMigrations: true,
    ...(conn.schema === undefined ? {} : { migrationTableSchema: conn.schema }),
  });
  const { error } = await migrator.migrateTo(target);
  if (error) throw error;
}

/**
 * A project as migration 0010 stored it, written row by row from a seeded generator: classes, grid tasks whose controls
 * repeat, an image that is two items (pool and hidden controls), imported tasks with keys that match nothing, a custom
 * role, an empty task, and assignments of every status with their votes.
 */
async function seedOldProject(conn: BackendConnection, rng: Rng): Promise<{ workers: number[] }> {
  const store = kyselyStore(conn.db, conn.capabilities);
  const db = conn.db;
  const classes = ClassSet.fromWnids('t', WNIDS).entries;
  const d = await store.createDataset({ name: 'd', description: '', classSet: 'file', classes }, T0);
  const pool = await store.createSplit(d.id, { name: 'pool', labelsHidden: false, sourceLayout: 'x', sourcePath: 'x' }, T0);
  const controls = await store.createSplit(d.id, { name: 'controls', labelsHidden: true, sourceLayout: 'x', sourcePath: 'x' }, T0);
  const shas = Array.from({ length: 50 }, (_, i) => i.toString(16).padStart(64, '0'));
  await store.putImages(shas.map((sha256) => ({ sha256, width: 1, height: 1, format: 'png', bytes: 1, created_at: T0.toISOString() })));
  const item = (position: number, sha: string) => ({
    position, name: `i${position}, 'x'.png`, image_sha256: sha, wnid: WNIDS[position % 3]!, source_path: null, source_url: null, license: null, date_taken: null, date_uploaded: null,
  });
  await store.addItems(pool.id, shas.slice(0, 40).map((sha, i) => item(i, sha)));
  // Controls: ten images of their own and two that are also pool images.
  await store.addItems(controls.id, [...shas.slice(40), shas[0]!, shas[1]!].map((sha, i) => item(i, sha)));
  const poolItems = await store.listItems(pool.id);
  const controlItems = await store.listItems(controls.id);
  const project = await store.createCrowdProject({
    name: 'p', datasetId: d.id, poolSplitId: pool.id, controlsSplitId: controls.id, settings: '{}',
    classes: WNIDS.map((wnid) => ({ wnid, negativeWnid: null })),
  }, T0);
  const workers: number[] = [];
  for (let w = 0; w < 8; w++) workers.push((await store.createCrowdWorker({ name: `w${w}`, kind: 'account', tokenHash: `h${w}`, simulated: true }, T0)).id);

  for (let t = 0; t < 30; t++) {
    const imported = t % 7 === 6;
    const task = await db.insertInto('crowd_tasks').values({
      project_id: project.id, wnid: WNIDS[rng.int(3)]!, kind: imported ? 'imported' : 'grid', max_assignments: 6, external_id: null, created_at: T0.toISOString(),
    }).returning('id').executeTakeFirstOrThrow();
    const size = t === 13 ? 0 : 3 + rng.int(6);
    const images = Array.from({ length: size }, (_, position) => {
      const u = rng.next();
      const it = u < 0.6 ? poolItems[rng.int(poolItems.length)]! : u < 0.85 || !imported ? controlItems[rng.int(controlItems.length)]! : null;
      const key = it?.image_sha256 ?? LOOSE_KEYS[rng.int(LOOSE_KEYS.length)]!;
      const role = it === null ? 'candidate' : u < 0.6 ? (rng.next() < 0.05 ? 'reference' : 'candidate') : rng.next() < 0.5 ? 'positive' : 'negative';
      return { task_id: task.id, position, public_id: `pub-${t}-${position}`, role, item_id: it?.id ?? null, image_sha256: it?.image_sha256 ?? null, image_key: key };
    });
    const ids = images.length === 0 ? [] : await db.insertInto('crowd_task_images').values(images).returning(['id', 'position']).execute();
    const imageIds = ids.sort((a, b) => a.position - b.position).map((r) => r.id);
    const taken = new Set<number>();
    for (let a = rng.int(6); a > 0; a--) {
      const worker = workers[rng.int(workers.length)]!;
      if (taken.has(worker)) continue;
      taken.add(worker);
      const status = ['submitted', 'submitted', 'approved', 'rejected', 'abandoned', 'accepted'][rng.int(6)]!;
      const handedIn = status !== 'accepted' && status !== 'abandoned';
      const asg = await db.insertInto('crowd_assignments').values({
        task_id: task.id, worker_id: worker, status, accepted_at: T0.toISOString(), lease_expires_at: status === 'accepted' ? '2999-01-01T00:00:00.000Z' : null,
        submitted_at: handedIn ? T0.toISOString() : null, reviewed_at: null, duration_ms: null, feedback: null, external_id: null, panel_study: null, panel_session: null,
      }).returning('id').executeTakeFirstOrThrow();
      const votes = handedIn ? imageIds.filter(() => rng.next() < 0.4) : [];
      if (votes.length > 0) await db.insertInto('crowd_votes').values(votes.map((task_image_id) => ({ assignment_id: asg.id, task_image_id }))).execute();
    }
  }
  return { workers };
}

/**
 * Selection frequencies the plain way, from the rows alone: every task image, assignment and vote, with no packed
 * column, pair id or aggregate of the database involved.
 */
async function plainFrequencies(conn: BackendConnection, wnid?: string): Promise<FrequencyRow[]> {
  const db = conn.db;
  let q = db.selectFrom('crowd_task_images as i').innerJoin('crowd_tasks as t', 't.id', 'i.task_id')
    .leftJoin('items as it', 'it.id', 'i.item_id').leftJoin('splits as s', 's.id', 'it.split_id').leftJoin('datasets as d', 'd.id', 's.dataset_id')
    .select(['i.id', 'i.task_id', 'i.position', 'i.role', 'i.item_id', 'i.image_key', 'i.image_sha256', 't.wnid', 'it.name', 's.name as split', 'd.name as dataset', 's.labels_hidden']);
  if (wnid !== undefined) q = q.where('t.wnid', '=', wnid);
  const images = (await q.execute()).sort((a, b) => a.task_id - b.task_id || a.position - b.position);
  const assignments = await db.selectFrom('crowd_assignments').select(['id', 'task_id', 'status']).execute();
  const valid = new Set(assignments.filter((a) => a.status === 'submitted' || a.status === 'approved').map((a) => a.id));
  const validPerTask = new Map<number, number>();
  for (const a of assignments) if (valid.has(a.id)) validPerTask.set(a.task_id, (validPerTask.get(a.task_id) ?? 0) + 1);
  const selectedPerImage = new Map<number, number>();
  for (const v of await db.selectFrom('crowd_votes').select(['assignment_id', 'task_image_id']).execute()) {
    if (valid.has(v.assignment_id)) selectedPerImage.set(v.task_image_id, (selectedPerImage.get(v.task_image_id) ?? 0) + 1);
  }
  const pairs = new Map<string, { image: string; wnid: string; selected: number; shown: number; roles: string[]; itemIds: number[]; items: string[]; hidden: boolean }>();
  for (const img of images) {
    const key = `${img.wnid}\u0000${img.image_key}`;
    let p = pairs.get(key);
    if (!p) pairs.set(key, (p = { image: img.image_key, wnid: img.wnid, selected: 0, shown: 0, roles: [], itemIds: [], items: [], hidden: false }));
    p.shown += validPerTask.get(img.task_id) ?? 0;
    p.selected += selectedPerImage.get(img.id) ?? 0;
    if (!p.roles.includes(img.role)) p.roles.push(img.role);
    if (img.item_id !== null && !p.itemIds.includes(img.item_id)) {
      p.itemIds.push(img.item_id);
      p.items.push(`${img.dataset}/${img.split}/${img.name}`);
      if (Number(img.labels_hidden) === 1) p.hidden = true;
    }
  }
  return [...pairs.values()].map((p) => {
    const ci = p.shown > 0 ? binomialInterval(p.selected, p.shown, { method: 'wilson' }) : null;
    return {
      image: p.image, wnid: p.wnid, selected: p.selected, shown: p.shown, frequency: p.shown > 0 ? p.selected / p.shown : null,
      lower: ci?.lower ?? null, upper: ci?.upper ?? null, roles: p.roles as FrequencyRow['roles'], items: p.items, hidden: p.hidden,
    };
  });
}

for (const backend of BACKENDS) describe.skipIf(!backend.available)(`selection frequencies from numbered pairs (${backend.name})`, () => {
  let dir: string;
  let conn: BackendConnection;
  let drop: () => Promise<void>;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'heldout-pair-freq-'));
    const target = backend.url(dir);
    drop = target.drop;
    conn = await connectStore(target.url);
  });
  afterEach(async () => {
    await conn.close();
    await drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('migration 0011 numbers and packs an existing project; frequencies equal a plain count before and after new work', async () => {
    await migrateTo(conn, '0010-crowd-qualification');
    const { workers } = await seedOldProject(conn, seededRng(2026));
    await runMigrations(conn.db, conn.features, conn.label, conn.schema);
    const store: Store = kyselyStore(conn.db, conn.capabilities);
    const loaded = await findProjectOrThrow(store, 'p');

    const check = async () => {
      const plain = await plainFrequencies(conn);
      const table = await frequencyTable(store, loaded);
      expect(table.rows).toEqual(plain);
      const votes = await loadProjectVotes(store, loaded.project.id);
      expect(table.rows).toEqual(frequencyRowsOfVotes(votes));
      expect(table.pairs).toEqual(votes.pairs);
      for (const wnid of WNIDS) expect((await frequencyTable(store, loaded, { wnid })).rows).toEqual(await plainFrequencies(conn, wnid));
      return plain;
    };
    const before = await check();
    expect(before.length).toBeGreaterThan(40);
    expect(before.some((r) => r.items.length === 2)).toBe(true);
    expect(before.some((r) => r.roles.length > 1)).toBe(true);
    expect(before.some((r) => r.shown === 0)).toBe(true);

    // The backfill: one pair per (class, key), every image numbered, selections equal to the votes.
    const pairCount = async () => Number((await sql<{ n: number }>`select count(*) as n from crowd_pairs`.execute(conn.db)).rows[0]!.n);
    expect(await pairCount()).toBe(before.length);
    expect(Number((await sql<{ n: number }>`select count(*) as n from crowd_task_images where pair_id is null`.execute(conn.db)).rows[0]!.n)).toBe(0);
    const handedIn = await conn.db.selectFrom('crowd_assignments').select(['id', 'selections', 'status']).execute();
    for (const a of handedIn) {
      const positions = await conn.db.selectFrom('crowd_votes as v').innerJoin('crowd_task_images as i', 'i.id', 'v.task_image_id')
        .select('i.position').where('v.assignment_id', '=', a.id).execute();
      expect(a.selections).toBe(a.status === 'accepted' ? null : positions.map((p) => p.position).sort((x, y) => x - y).join(','));
    }

    // New work through the store: tasks repeating old pairs and adding new ones, a claim and submit, an import, a review.
    const poolSplit = (await store.listDatasets())[0]!.splits.find((s) => s.name === 'pool')!;
    const items = await store.listItems(poolSplit.id);
    const tasks: NewCrowdTask[] = [0, 1, 2].map((t) => ({
      wnid: WNIDS[t]!, kind: 'grid', maxAssignments: 3,
      images: [0, 1, 2, 3].map((k) => {
        const it = items[(t * 7 + k * 5) % items.length]!;
        return { publicId: `new-${t}-${k}`, role: k === 3 ? 'positive' : 'candidate', itemId: it.id, imageSha256: it.image_sha256, imageKey: it.image_sha256 };
      }),
    }));
    tasks.push({ wnid: WNIDS[0]!, kind: 'imported', maxAssignments: 3, images: [{ publicId: 'new-loose', role: 'candidate', itemId: null, imageSha256: null, imageKey: LOOSE_KEYS[1]! }] });
    const pairsBefore = await pairCount();
    const created = await store.addCrowdTasks(loaded.project.id, tasks, T0);
    const newPairs = new Set(tasks.flatMap((t) => t.images.map((i) => `${t.wnid}\u0000${i.imageKey}`)));
    const known = new Set(before.map((r) => `${r.wnid}\u0000${r.image}`));
    expect(await pairCount()).toBe(pairsBefore + [...newPairs].filter((k) => !known.has(k)).length);

    const claim = await store.claimCrowdTask({ projectId: loaded.project.id, workerId: workers[0]!, now: T0, leaseMs: 60_000, wnid: WNIDS[1]! });
    const publicIds = await store.crowdTaskPublicIds(claim!.task.id);
    const submitted = await store.submitCrowdAssignment({ assignmentId: claim!.assignment.id, workerId: workers[0]!, selected: publicIds.filter((_, k) => k % 2 === 0), durationMs: 9, now: T0 });
    expect(submitted.kind).toBe('submitted');
    const [imported] = await store.addCrowdAssignments([{
      taskId: created[0]!.id, workerId: workers[1]!, status: 'approved', acceptedAt: T0.toISOString(), submittedAt: T0.toISOString(), reviewedAt: T0.toISOString(),
      durationMs: null, feedback: null, externalId: null, selectedImageIds: [created[0]!.imageIds[3]!, created[0]!.imageIds[1]!],
    }]);
    await check();
    const rejected = (await store.crowdAssignments(loaded.project.id)).filter((a) => a.status === 'submitted').slice(0, 3).map((a) => a.id);
    expect(await store.reviewCrowdAssignments([...rejected, imported!], 'rejected', null, T0)).toBe(rejected.length + 1);
    await check();
  });

  it('reads tasks without a packed row and assignments without packed selections from the rows', async () => {
    await migrateTo(conn, '0010-crowd-qualification');
    await seedOldProject(conn, seededRng(7));
    await runMigrations(conn.db, conn.features, conn.label, conn.schema);
    const store = kyselyStore(conn.db, conn.capabilities);
    const loaded = await findProjectOrThrow(store, 'p');
    const plain = await plainFrequencies(conn);
    const tasks = await conn.db.selectFrom('crowd_tasks').select('id').orderBy('id').execute();
    await conn.db.deleteFrom('crowd_task_slots').where('task_id', 'in', [tasks[0]!.id, tasks[5]!.id, tasks[13]!.id]).execute();
    const valid = await conn.db.selectFrom('crowd_assignments').select('id').where('status', 'in', ['submitted', 'approved']).orderBy('id').execute();
    await conn.db.updateTable('crowd_assignments').set({ selections: null }).where('id', '=', valid[0]!.id).execute();
    await conn.db.updateTable('crowd_assignments').set({ selections: '999' }).where('id', '=', valid[1]!.id).execute();
    expect((await frequencyTable(store, loaded)).rows).toEqual(plain);
  });
});
