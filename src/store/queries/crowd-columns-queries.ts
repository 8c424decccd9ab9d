import { sql } from 'kysely';
import type { Db } from './db.js';
import type { CrowdColumnsStore, CrowdTaskColumns } from '../areas/crowd-columns-store.js';
import { packTaskSlots, TaskSlotReader } from './crowd-task-slots.js';
import { taskSlotOf, taskSlotRows } from './crowd-pair-writes.js';

const VALID_STATUSES = ['submitted', 'approved'] as const;
/** Stands in the aggregated selections for a valid assignment without packed selections: its task reads the votes. */
const MISSING = '?';
/** Tasks per read: their texts arrive as one string of ~1 MB (grids of 48), which V8 keeps out of the young generation. */
const TASKS_PER_READ = 256;

/**
 * Reads packed rows: each task's images (`crowd_task_slots`, written at task creation) and the packed selections of the
 * valid assignments (`crowd_assignments.selections`, written at submit; one scan, ~10 short strings per task). Tasks are read a few hundred at a time with their texts concatenated by
 * `string_agg`: one large string per read instead of one per task keeps ~100 bytes per image out of the garbage
 * collector's young generation, where copying them cost more than reading them. Pairs come numbered by the database
 * (`pair_id`), so JavaScript only maps ids to dense indexes (a typed array, no Map) and cuts out the strings of each
 * pair's first image. A task without a packed row is read row by row and packed here; a valid assignment without packed
 * selections sends its task to the votes. Both are fallbacks that migration 0011 and every writer leave unused.
 */
export function crowdColumnQueries(db: Db): CrowdColumnsStore {
  const tasksOf = (projectId: number, wnid: string | undefined) => {
    let q = db.selectFrom('crowd_tasks').select(['id', 'wnid']).where('project_id', '=', projectId);
    if (wnid !== undefined) q = q.where('wnid', '=', wnid);
    return q.execute();
  };

  /**
   * Packed slots of the given tasks (ascending ids), concatenated in id order. Asked first without ORDER BY, which
   * would make the database sort every text before aggregating: the aggregates of one query see the rows in one
   * order, and the ids say which; a read whose ids come back in another order is asked again with ORDER BY.
   */
  const packedOf = async (ids: readonly number[]) => {
    const read = (ordered: boolean) => {
      const order = ordered ? sql` order by t.id` : sql``;
      return db.selectFrom('crowd_tasks as t').leftJoin('crowd_task_slots as s', 's.task_id', 't.id').select([
        sql<string>`string_agg(cast(t.id as text), ','${order})`.as('ids'),
        sql<string | null>`string_agg(s.packed, ''${order})`.as('packed'),
        sql<number | string>`count(s.task_id)`.as('packedTasks'),
      ]).where('t.id', 'in', [...ids]).executeTakeFirstOrThrow();
    };
    const row = await read(false);
    return row.ids === ids.join(',') ? row : read(true);
  };

  /**
   * `<task id>:<selections>` of every valid assignment of the project (or class), `;`-separated, in one scan of the
   * assignments: reading them per task (a correlated subquery) looked each row up by index and cost half as much again.
   */
  const selectionsOf = async (projectId: number, wnid: string | undefined) => {
    let q = db.selectFrom('crowd_assignments as a').innerJoin('crowd_tasks as t', 't.id', 'a.task_id')
      .select(sql<string | null>`string_agg(cast(a.task_id as text) || ':' || coalesce(a.selections, ${sql.lit(MISSING)}), ';')`.as('text'))
      .where('t.project_id', '=', projectId).where('a.status', 'in', VALID_STATUSES);
    if (wnid !== undefined) q = q.where('t.wnid', '=', wnid);
    return (await q.executeTakeFirst())?.text ?? '';
  };

  /** Tasks one by one, for a read in which some task has no packed row. */
  const packedOneByOne = async (ids: readonly number[]) => {
    const rows = await db.selectFrom('crowd_task_slots').select(['task_id', 'packed']).where('task_id', 'in', [...ids]).execute();
    const byTask = new Map(rows.map((r) => [r.task_id, r.packed]));
    const texts: string[] = [];
    for (const id of ids) texts.push(byTask.get(id) ?? packTaskSlots((await taskSlotRows(db, id)).map(taskSlotOf)));
    return texts.join('');
  };

  const votedPositions = async (taskId: number) => (await db.selectFrom('crowd_assignments as a')
    .innerJoin('crowd_votes as v', 'v.assignment_id', 'a.id').innerJoin('crowd_task_images as i', 'i.id', 'v.task_image_id')
    .select('i.position').where('a.task_id', '=', taskId).where('a.status', 'in', VALID_STATUSES).execute()).map((r) => r.position);

  return {
    async crowdTaskColumns(projectId, scope = {}): Promise<CrowdTaskColumns> {
      const tasks = (await tasksOf(projectId, scope.wnid)).sort((a, b) => a.id - b.id);
      const taskId = Int32Array.from(tasks, (t) => t.id);
      const taskStart = new Int32Array(tasks.length + 1);
      const validAssignments = new Int32Array(tasks.length);
      const slots = new TaskSlotReader();
      for (let from = 0; from < tasks.length; from += TASKS_PER_READ) {
        const ids = [...taskId.subarray(from, from + TASKS_PER_READ)];
        const row = await packedOf(ids);
        const text = Number(row.packedTasks) === ids.length && row.packed !== null ? row.packed : await packedOneByOne(ids);
        let pos = 0;
        for (let t = from; t < from + ids.length; t++) {
          pos = slots.read(text, pos);
          taskStart[t + 1] = slots.length;
        }
        if (pos !== text.length) throw new Error('packed task slots: trailing text');
      }

      const selected = new Int32Array(slots.length);
      const fromVotes = countSelections(await selectionsOf(projectId, scope.wnid), taskId, taskStart, validAssignments, selected);
      for (const t of fromVotes) {
        const start = taskStart[t]!;
        selected.fill(0, start, taskStart[t + 1]!);
        for (const p of await votedPositions(taskId[t]!)) selected[start + p]!++;
      }
      return {
        taskId, wnid: tasks.map((t) => t.wnid), validAssignments, taskStart, selected,
        pair: slots.pair.subarray(0, slots.length), role: slots.role.subarray(0, slots.length), roleNames: slots.roleNames,
        itemId: slots.itemId.subarray(0, slots.length), ...slots.columns(),
        pairItemId: slots.pairItemId.subarray(0, slots.pairs), pairItemSplitId: slots.pairItemSplitId.subarray(0, slots.pairs),
        otherItems: slots.otherItems,
      };
    },
  };
}

/**
 * Counts `<task id>:<positions>;…` into `valid` (per task) and `selected` (per task image, CSR by `taskStart`); returns
 * the tasks whose selections must be read from the votes instead (an assignment without packed selections, or with
 * positions outside its task). Task ids are ascending, so an id maps to its task through a typed array over their range.
 */
function countSelections(text: string, taskId: Int32Array, taskStart: Int32Array, valid: Int32Array, selected: Int32Array): Set<number> {
  const fromVotes = new Set<number>();
  if (taskId.length === 0 || text === '') return fromVotes;
  const base = taskId[0]!;
  const taskOf = new Int32Array(taskId[taskId.length - 1]! - base + 1).fill(-1);
  taskId.forEach((id, t) => { taskOf[id - base] = t; });
  let pos = 0;
  while (pos < text.length) {
    const colon = text.indexOf(':', pos);
    let end = text.indexOf(';', pos);
    if (end < 0) end = text.length;
    if (colon < 0 || colon > end) throw new Error('aggregated selections are damaged');
    // A task created after the tasks were read is not in this read: its work waits for the next one.
    const t = taskOf[Number(text.slice(pos, colon)) - base] ?? -1;
    if (t >= 0) {
      valid[t]!++;
      const start = taskStart[t]!;
      if (!fromVotes.has(t) && !addSelections(text, colon + 1, end, selected, start, taskStart[t + 1]! - start)) fromVotes.add(t);
    }
    pos = end + 1;
  }
  return fromVotes;
}

/** Counts the positions of `3,17,5` (text from `from` to `to`) into `out` at `start`; false on anything else. */
function addSelections(text: string, from: number, to: number, out: Int32Array, start: number, size: number): boolean {
  let v = 0;
  let digits = 0;
  for (let i = from; i <= to; i++) {
    const c = i < to ? text.charCodeAt(i) : 44;
    if (c === 44) {
      if (digits > 0) {
        if (v >= size) return false;
        out[start + v]!++;
      }
      v = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      v = v * 10 + c - 48;
      digits++;
    } else return false;
  }
  return true;
}
