import { sql } from 'kysely';
import type { Db } from './db.js';
import { inTransaction, insertChunked } from './db.js';
import type { StoreCapabilities } from '../store.js';
import type {
  CreatedCrowdTask, CrowdClaim, CrowdClaimRequest, CrowdStore, CrowdSubmitOutcome, CrowdSubmitRequest, CrowdTaskSlots,
  CrowdVoteColumns, NewCrowdAssignment, NewCrowdTask,
} from '../areas/crowd-store.js';
import type { CrowdAssignmentRow } from '../areas/crowd-tables.js';
import { crowdColumnQueries } from './crowd-columns-queries.js';
import { ensureCrowdPairs, writeNewTaskSlots, type NewTaskSlots } from './crowd-pair-writes.js';
import { selectionsText } from './crowd-task-slots.js';
import { CROWD_QUALIFICATION_TABLES, crowdQualificationQueries } from './crowd-qualification-queries.js';

/** Tables of this area, for `Store.tableCounts`. */
export const CROWD_TABLES = [
  'crowd_projects', 'crowd_project_classes', 'crowd_tasks', 'crowd_task_images', 'crowd_workers', 'crowd_assignments', 'crowd_votes',
  'crowd_pairs', 'crowd_task_slots',
  ...CROWD_QUALIFICATION_TABLES,
] as const;

/** The split and `dataset/split/name` of a task image's item, as RETURNING columns of its insert. */
const ITEM_OF_NEW_IMAGE = [
  sql<number | null>`(select it.split_id from items it where it.id = crowd_task_images.item_id)`.as('item_split_id'),
  sql<string | null>`(select d.name || '/' || sp.name || '/' || it.name from items it inner join splits sp on sp.id = it.split_id
    inner join datasets d on d.id = sp.dataset_id where it.id = crowd_task_images.item_id)`.as('item_ref'),
] as const;

/** Statuses that hold one of a task's slots (an expired `accepted` lease is swept to `abandoned` before counting). */
const SLOT_HOLDING = ['accepted', 'submitted', 'approved'] as const;
const REVIEWABLE = ['submitted', 'approved', 'rejected'] as const;
/** How many tasks wrongly flagged open a claim closes before giving up for this call (the flags heal as it goes). */
const CLAIM_ATTEMPTS = 64;

/** The crowd area over any Kysely connection; every backend shares it. */
export function crowdQueries(db: Db, capabilities: StoreCapabilities): CrowdStore {
  /** Marks tasks open again after slots were freed (abandoned leases, returns, rejections). */
  const reopen = async (db: Db, taskIds: readonly number[]) => {
    // In id order, so that two transactions reopening overlapping tasks lock them in the same order.
    await insertChunked([...new Set(taskIds)].sort((a, b) => a - b), (chunk) => db.updateTable('crowd_tasks').set({ open: 1 }).where('id', 'in', [...chunk]).execute());
  };
  const sweep = async (db: Db, nowIso: string) => {
    const expired = await db.selectFrom('crowd_assignments').select(['id', 'task_id'])
      .where('status', '=', 'accepted').where('lease_expires_at', '<=', nowIso).orderBy('id').execute();
    if (expired.length === 0) return 0;
    await insertChunked(expired, (chunk) => db.updateTable('crowd_assignments').set({ status: 'abandoned' })
      .where('id', 'in', chunk.map((a) => a.id)).where('status', '=', 'accepted').execute());
    await reopen(db, expired.map((a) => a.task_id));
    return expired.length;
  };
  const taskById = (db: Db, id: number) => db.selectFrom('crowd_tasks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const slotsHeld = async (db: Db, taskId: number) => Number((await db.selectFrom('crowd_assignments')
    .select((eb) => eb.fn.countAll<number>().as('n')).where('task_id', '=', taskId).where('status', 'in', SLOT_HOLDING)
    .executeTakeFirstOrThrow()).n);

  return {
    ...crowdColumnQueries(db),
    ...crowdQualificationQueries(db),
    async createCrowdProject(p, now) {
      return inTransaction(db, async (db) => {
        const row = await db.insertInto('crowd_projects').values({
          name: p.name, dataset_id: p.datasetId, pool_split_id: p.poolSplitId, controls_split_id: p.controlsSplitId,
          settings: p.settings, created_at: now.toISOString(),
        }).returningAll().executeTakeFirstOrThrow();
        const classes = p.classes.map((c, position) => ({ project_id: row.id, wnid: c.wnid, negative_wnid: c.negativeWnid, position }));
        await insertChunked(classes, (chunk) => db.insertInto('crowd_project_classes').values([...chunk]).execute());
        return row;
      });
    },

    findCrowdProject: (name) => db.selectFrom('crowd_projects').selectAll().where('name', '=', name).executeTakeFirst(),
    listCrowdProjects: () => db.selectFrom('crowd_projects').selectAll().orderBy('name').execute(),
    crowdProjectClasses: (projectId) =>
      db.selectFrom('crowd_project_classes').selectAll().where('project_id', '=', projectId).orderBy('position').execute(),

    async setCrowdProjectSettings(projectId, settings) {
      await db.updateTable('crowd_projects').set({ settings }).where('id', '=', projectId).execute();
    },

    async addCrowdTasks(projectId, tasks: readonly NewCrowdTask[], now): Promise<CreatedCrowdTask[]> {
      return inTransaction(db, async (db) => {
        const out: CreatedCrowdTask[] = [];
        const slots: NewTaskSlots[] = [];
        const pairs = await ensureCrowdPairs(db, projectId, tasks.flatMap((t) => t.images.map((img) => ({ wnid: t.wnid, imageKey: img.imageKey }))));
        for (const t of tasks) {
          const { id } = await db.insertInto('crowd_tasks').values({
            project_id: projectId, wnid: t.wnid, kind: t.kind, max_assignments: t.maxAssignments, external_id: t.externalId ?? null,
            created_at: now.toISOString(),
          }).returning('id').executeTakeFirstOrThrow();
          const imageIds = new Array<number>(t.images.length);
          const pairOf = pairs.get(t.wnid)!;
          const pairIds = t.images.map((img) => pairOf.get(img.imageKey)!);
          const rows = t.images.map((img, position) => ({
            task_id: id, position, public_id: img.publicId, role: img.role, item_id: img.itemId, image_sha256: img.imageSha256, image_key: img.imageKey,
            pair_id: pairIds[position]!,
          }));
          const items = new Array<{ splitId: number; ref: string } | null>(t.images.length);
          // RETURNING order is unspecified, so ids are placed by position. It also names each image's item for the
          // packed slots (a subquery per row: no second round trip for the items).
          await insertChunked(rows, async (chunk) => {
            for (const r of await db.insertInto('crowd_task_images').values([...chunk]).returning(['id', 'position', ...ITEM_OF_NEW_IMAGE]).execute()) {
              imageIds[r.position] = r.id;
              items[r.position] = r.item_split_id === null || r.item_ref === null ? null : { splitId: Number(r.item_split_id), ref: r.item_ref };
            }
          });
          out.push({ id, imageIds });
          slots.push({ taskId: id, images: t.images, pairIds, items });
        }
        await writeNewTaskSlots(db, slots);
        return out;
      });
    },

    crowdTaskImages(projectId, scope = {}) {
      let q = db.selectFrom('crowd_task_images as i').innerJoin('crowd_tasks as t', 't.id', 'i.task_id').leftJoin('items as it', 'it.id', 'i.item_id')
        .selectAll('i').select(['t.wnid', 'it.split_id as item_split_id', 'it.name as item_name'])
        .where('t.project_id', '=', projectId);
      if (scope.wnid !== undefined) q = q.where('t.wnid', '=', scope.wnid);
      if (scope.taskId !== undefined) q = q.where('t.id', '=', scope.taskId);
      return q.orderBy('i.task_id').orderBy('i.position').execute();
    },

    crowdTaskImageKeys(projectId, scope = {}) {
      let q = db.selectFrom('crowd_task_images as i').innerJoin('crowd_tasks as t', 't.id', 'i.task_id').leftJoin('items as it', 'it.id', 'i.item_id')
        .select(['i.id', 'i.task_id', 'i.role', 'i.item_id', 'i.image_sha256', 'i.image_key', 't.wnid', 'it.split_id as item_split_id', 'it.name as item_name'])
        .where('t.project_id', '=', projectId);
      if (scope.wnid !== undefined) q = q.where('t.wnid', '=', scope.wnid);
      return q.orderBy('i.task_id').orderBy('i.position').execute();
    },

    async crowdTaskPublicIds(taskId) {
      return (await db.selectFrom('crowd_task_images').select('public_id').where('task_id', '=', taskId).orderBy('position').execute()).map((r) => r.public_id);
    },

    findCrowdTaskImage: (publicId) => db.selectFrom('crowd_task_images').selectAll().where('public_id', '=', publicId).executeTakeFirst(),

    async crowdTaskSlots(projectId, now): Promise<CrowdTaskSlots[]> {
      const nowIso = now.toISOString();
      const rows = await db.selectFrom('crowd_tasks as t').leftJoin('crowd_assignments as a', 'a.task_id', 't.id')
        .select(['t.id', 't.wnid', 't.kind', 't.max_assignments'])
        .select([
          sql<number>`coalesce(sum(case when a.status in ('submitted', 'approved') then 1 else 0 end), 0)`.as('valid'),
          sql<number>`coalesce(sum(case when a.status = 'accepted' and a.lease_expires_at > ${nowIso} then 1 else 0 end), 0)`.as('leased'),
          sql<number>`coalesce(sum(case when a.status = 'rejected' then 1 else 0 end), 0)`.as('rejected'),
        ])
        .where('t.project_id', '=', projectId).groupBy(['t.id', 't.wnid', 't.kind', 't.max_assignments']).orderBy('t.id').execute();
      return rows.map((r) => ({
        taskId: r.id, wnid: r.wnid, kind: r.kind, maxAssignments: r.max_assignments,
        valid: Number(r.valid), leased: Number(r.leased), rejected: Number(r.rejected),
      }));
    },

    async crowdTaskExternalIds(projectId) {
      const rows = await db.selectFrom('crowd_tasks').select('external_id').where('project_id', '=', projectId).where('external_id', 'is not', null).execute();
      return rows.map((r) => r.external_id!);
    },

    createCrowdWorker: (w, now) => db.insertInto('crowd_workers').values({
      name: w.name, kind: w.kind, external_id: w.externalId ?? null, token_hash: w.tokenHash ?? null,
      simulated: w.simulated ? 1 : 0, blocked: 0, created_at: now.toISOString(),
    }).returningAll().executeTakeFirstOrThrow(),

    findCrowdWorker(by) {
      const q = db.selectFrom('crowd_workers').selectAll();
      if ('id' in by) return q.where('id', '=', by.id).executeTakeFirst();
      if ('name' in by) return q.where('name', '=', by.name).executeTakeFirst();
      return q.where('token_hash', '=', by.tokenHash).executeTakeFirst();
    },

    listCrowdWorkers: () => db.selectFrom('crowd_workers').selectAll().orderBy('id').execute(),

    async setCrowdWorkerBlocked(workerId, blocked) {
      await db.updateTable('crowd_workers').set({ blocked: blocked ? 1 : 0 }).where('id', '=', workerId).execute();
    },

    async setCrowdWorkerToken(workerId, tokenHash) {
      await db.updateTable('crowd_workers').set({ token_hash: tokenHash }).where('id', '=', workerId).execute();
    },

    claimCrowdTask: async (req: CrowdClaimRequest) => {
      const nowIso = req.now.toISOString();
      // Concurrent backends sweep in a transaction of its own, so that a claim never holds task rows a sweep reopened
      // while it waits for another task's lock (two such claims could deadlock).
      const sweepFirst = capabilities.supportsSkipLocked && !db.isTransaction;
      if (sweepFirst) await inTransaction(db, (db) => sweep(db, nowIso));
      return inTransaction(db, async (db): Promise<CrowdClaim | undefined> => {
        // Concurrent backends: one claim per worker at a time, so two tabs of one worker cannot both take a new task.
        // NO KEY UPDATE: serialises claims without blocking inserts that merely reference the worker.
        if (capabilities.supportsSkipLocked) await db.selectFrom('crowd_workers').select('id').where('id', '=', req.workerId).forNoKeyUpdate().execute();
        if (!sweepFirst) await sweep(db, nowIso);
        let live = db.selectFrom('crowd_assignments as a').innerJoin('crowd_tasks as t', 't.id', 'a.task_id').selectAll('a')
          .where('a.worker_id', '=', req.workerId).where('a.status', '=', 'accepted').where('t.project_id', '=', req.projectId);
        if (req.wnid !== undefined) live = live.where('t.wnid', '=', req.wnid);
        const held = await live.orderBy('a.id').executeTakeFirst();
        if (held) return { assignment: held, task: await taskById(db, held.task_id), resumed: true };

        for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
          // The oldest task flagged open that this worker never had (index crowd_tasks_project_open: no scan of full tasks).
          let q = db.selectFrom('crowd_tasks as t').selectAll('t').where('t.project_id', '=', req.projectId).where('t.open', '=', 1)
            .where(({ not, exists, selectFrom }) => not(exists(selectFrom('crowd_assignments as a').select('a.id')
              .whereRef('a.task_id', '=', 't.id').where('a.worker_id', '=', req.workerId))));
          if (req.wnid !== undefined) q = q.where('t.wnid', '=', req.wnid);
          q = q.orderBy('t.id').limit(1);
          // Concurrent backends lock the task row. A task another claim holds is skipped first (claims spread over open
          // tasks); if every open task is held, wait for the oldest: held is not full. The recount below is a new
          // statement, so it sees every assignment committed by whoever held the lock before.
          const task = capabilities.supportsSkipLocked
            ? ((await q.forUpdate().skipLocked().executeTakeFirst()) ?? (await q.forUpdate().executeTakeFirst()))
            : await q.executeTakeFirst();
          if (!task) return undefined;
          const held = await slotsHeld(db, task.id);
          if (held >= task.max_assignments) {
            await db.updateTable('crowd_tasks').set({ open: 0 }).where('id', '=', task.id).execute();
            continue;
          }
          if (held + 1 >= task.max_assignments) await db.updateTable('crowd_tasks').set({ open: 0 }).where('id', '=', task.id).execute();
          const assignment = await db.insertInto('crowd_assignments').values({
            task_id: task.id, worker_id: req.workerId, status: 'accepted', accepted_at: nowIso,
            lease_expires_at: new Date(req.now.getTime() + req.leaseMs).toISOString(),
            panel_study: req.panelStudy ?? null, panel_session: req.panelSession ?? null,
          }).returningAll().executeTakeFirstOrThrow();
          return { assignment, task, resumed: false };
        }
        return undefined;
      });
    },

    submitCrowdAssignment: (req: CrowdSubmitRequest) => inTransaction(db, async (db): Promise<CrowdSubmitOutcome> => {
      const nowIso = req.now.toISOString();
      const a = await db.selectFrom('crowd_assignments').selectAll().where('id', '=', req.assignmentId).executeTakeFirst();
      if (!a) return { kind: 'not-found' };
      if (a.worker_id !== req.workerId) return { kind: 'not-yours' };
      if (req.workerBlocked === undefined) {
        const worker = await db.selectFrom('crowd_workers').select('blocked').where('id', '=', req.workerId).executeTakeFirstOrThrow();
        if (worker.blocked) return { kind: 'blocked' };
      } else if (req.workerBlocked) return { kind: 'blocked' };
      if (a.status === 'abandoned' || (a.status === 'accepted' && a.lease_expires_at !== null && a.lease_expires_at <= nowIso)) return { kind: 'expired' };
      if (a.status !== 'accepted') return { kind: 'already-submitted', status: a.status };
      const images = await db.selectFrom('crowd_task_images').select(['id', 'public_id', 'position']).where('task_id', '=', a.task_id).execute();
      const byPublicId = new Map(images.map((i) => [i.public_id, i]));
      const unknown = req.selected.filter((p) => !byPublicId.has(p));
      if (unknown.length > 0) return { kind: 'unknown-images', ids: unknown };
      const chosen = [...new Set(req.selected)].map((p) => byPublicId.get(p)!);
      const selections = selectionsText(chosen.map((i) => i.position));
      // Conditional on the status so that of two racing submits exactly one wins (the row lock orders them). The packed
      // selections ride on this update, so the submit costs no extra statement.
      const updated = await db.updateTable('crowd_assignments')
        .set({ status: 'submitted', submitted_at: nowIso, duration_ms: req.durationMs, lease_expires_at: null, selections })
        .where('id', '=', a.id).where('status', '=', 'accepted').executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return { kind: 'already-submitted', status: 'submitted' };
      const selected = chosen.map((i) => ({ assignment_id: a.id, task_image_id: i.id }));
      await insertChunked(selected, (chunk) => db.insertInto('crowd_votes').values([...chunk]).execute());
      const assignment: CrowdAssignmentRow = { ...a, status: 'submitted', submitted_at: nowIso, duration_ms: req.durationMs, lease_expires_at: null, selections };
      return { kind: 'submitted', assignment };
    }),

    returnCrowdAssignment: (assignmentId, workerId) => inTransaction(db, async (db) => {
      const r = await db.updateTable('crowd_assignments').set({ status: 'abandoned' })
        .where('id', '=', assignmentId).where('worker_id', '=', workerId).where('status', '=', 'accepted').executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      const { task_id } = await db.selectFrom('crowd_assignments').select('task_id').where('id', '=', assignmentId).executeTakeFirstOrThrow();
      await reopen(db, [task_id]);
      return true;
    }),

    expireCrowdLeases: (now) => sweep(db, now.toISOString()),

    reviewCrowdAssignments: (ids, status, feedback, now) => inTransaction(db, async (db) => {
      let changed = 0;
      await insertChunked(ids, async (chunk) => {
        const r = await db.updateTable('crowd_assignments').set({ status, feedback, reviewed_at: now.toISOString() })
          .where('id', 'in', [...chunk]).where('status', 'in', REVIEWABLE).where('status', '<>', status).executeTakeFirst();
        changed += Number(r.numUpdatedRows);
        // A rejection frees its slot.
        if (status === 'rejected') {
          await reopen(db, (await db.selectFrom('crowd_assignments').select('task_id').where('id', 'in', [...chunk]).execute()).map((a) => a.task_id));
        }
      });
      return changed;
    }),

    addCrowdAssignments: (rows: readonly NewCrowdAssignment[]) => inTransaction(db, async (db) => {
      const ids: number[] = [];
      const slotOf = new Map<number, { task_id: number; position: number }>();
      await insertChunked([...new Set(rows.flatMap((r) => r.selectedImageIds))], async (chunk) => {
        for (const i of await db.selectFrom('crowd_task_images').select(['id', 'task_id', 'position']).where('id', 'in', [...chunk]).execute()) slotOf.set(i.id, i);
      });
      for (const r of rows) {
        const unique = [...new Set(r.selectedImageIds)];
        const positions = unique.map((imageId) => {
          const slot = slotOf.get(imageId);
          if (slot?.task_id !== r.taskId) throw new RangeError(`task image ${imageId} is not an image of task ${r.taskId}`);
          return slot.position;
        });
        const { id } = await db.insertInto('crowd_assignments').values({
          task_id: r.taskId, worker_id: r.workerId, status: r.status, accepted_at: r.acceptedAt, lease_expires_at: null,
          submitted_at: r.submittedAt, reviewed_at: r.reviewedAt, duration_ms: r.durationMs, feedback: r.feedback, external_id: r.externalId,
          selections: r.status === 'accepted' ? null : selectionsText(positions),
        }).returning('id').executeTakeFirstOrThrow();
        ids.push(id);
        const votes = unique.map((task_image_id) => ({ assignment_id: id, task_image_id }));
        await insertChunked(votes, (chunk) => db.insertInto('crowd_votes').values([...chunk]).execute());
      }
      return ids;
    }),

    async countCrowdHandedIn(projectId, workerId, panelSession) {
      let q = db.selectFrom('crowd_assignments as a').select((eb) => eb.fn.countAll<number>().as('n'))
        .where('a.worker_id', '=', workerId).where('a.status', 'in', REVIEWABLE)
        .where(({ exists, selectFrom }) => exists(selectFrom('crowd_tasks as t').select('t.id').whereRef('t.id', '=', 'a.task_id').where('t.project_id', '=', projectId)));
      if (panelSession !== undefined && panelSession !== null) q = q.where('a.panel_session', '=', panelSession);
      return Number((await q.executeTakeFirstOrThrow()).n);
    },

    crowdAssignments(projectId, scope = {}) {
      if (scope.workerId !== undefined) {
        // One worker's work: start from their assignments (index), probe each task by key. Joining from the tasks side,
        // as the planner prefers without statistics, costs a probe per task of the project on every page load.
        const q = db.selectFrom('crowd_assignments as a').selectAll('a').where('a.worker_id', '=', scope.workerId)
          .where(({ exists, selectFrom }) => {
            let t = selectFrom('crowd_tasks as t').select('t.id').whereRef('t.id', '=', 'a.task_id').where('t.project_id', '=', projectId);
            if (scope.wnid !== undefined) t = t.where('t.wnid', '=', scope.wnid);
            return exists(t);
          });
        return q.orderBy('a.id').execute();
      }
      let q = db.selectFrom('crowd_assignments as a').innerJoin('crowd_tasks as t', 't.id', 'a.task_id').selectAll('a')
        .where('t.project_id', '=', projectId);
      if (scope.wnid !== undefined) q = q.where('t.wnid', '=', scope.wnid);
      return q.orderBy('a.id').execute();
    },

    async crowdVotes(projectId, scope = {}): Promise<CrowdVoteColumns> {
      let q = db.selectFrom('crowd_votes as v').innerJoin('crowd_assignments as a', 'a.id', 'v.assignment_id')
        .innerJoin('crowd_tasks as t', 't.id', 'a.task_id').select(['v.assignment_id', 'v.task_image_id'])
        .where('t.project_id', '=', projectId);
      if (scope.wnid !== undefined) q = q.where('t.wnid', '=', scope.wnid);
      if (scope.workerId !== undefined) q = q.where('a.worker_id', '=', scope.workerId);
      const rows = await q.execute();
      const assignmentId = new Int32Array(rows.length);
      const taskImageId = new Int32Array(rows.length);
      rows.forEach((r, i) => {
        assignmentId[i] = r.assignment_id;
        taskImageId[i] = r.task_image_id;
      });
      return { assignmentId, taskImageId };
    },

    async crowdSelectionCounts(projectId, scope = {}) {
      let q = db.selectFrom('crowd_votes as v').innerJoin('crowd_assignments as a', 'a.id', 'v.assignment_id')
        .innerJoin('crowd_tasks as t', 't.id', 'a.task_id')
        .select(['v.task_image_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('t.project_id', '=', projectId).where('a.status', 'in', ['submitted', 'approved']);
      if (scope.wnid !== undefined) q = q.where('t.wnid', '=', scope.wnid);
      if (scope.workerId !== undefined) q = q.where('a.worker_id', '=', scope.workerId);
      const rows = await q.groupBy('v.task_image_id').execute();
      return { taskImageId: Int32Array.from(rows, (r) => r.task_image_id), selected: Int32Array.from(rows, (r) => Number(r.n)) };
    },
  };
}

