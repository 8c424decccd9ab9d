import { sql, type Kysely } from 'kysely';
import type { Db } from './db.js';
import { insertChunked } from './db.js';
import { packTaskSlots, type TaskSlot } from './crowd-task-slots.js';

/** Tasks per read of their images (≈ 24,000 rows for grids of 48) and slot rows per INSERT (each holds a few KB). */
const TASKS_PER_READ = 500;
const SLOT_ROWS_PER_INSERT = 100;

/**
 * Numbers the (image, class) pairs of new task images: inserts the pairs the project does not have yet and returns
 * every pair's id, keyed by wnid then image key. RETURNING gives the ids of the pairs inserted; ON CONFLICT DO NOTHING
 * leaves existing pairs (and a concurrent creator's) alone, and only their ids are read back.
 */
export async function ensureCrowdPairs(db: Db, projectId: number, images: ReadonlyArray<{ readonly wnid: string; readonly imageKey: string }>): Promise<Map<string, Map<string, number>>> {
  const keysByClass = new Map<string, Set<string>>();
  for (const { wnid, imageKey } of images) {
    let keys = keysByClass.get(wnid);
    if (!keys) keysByClass.set(wnid, (keys = new Set()));
    keys.add(imageKey);
  }
  const ids = new Map<string, Map<string, number>>();
  for (const [wnid, keySet] of keysByClass) {
    const byKey = new Map<string, number>();
    ids.set(wnid, byKey);
    await insertChunked([...keySet], async (chunk) => {
      const inserted = await db.insertInto('crowd_pairs').values(chunk.map((image_key) => ({ project_id: projectId, wnid, image_key })))
        .onConflict((oc) => oc.columns(['project_id', 'wnid', 'image_key']).doNothing()).returning(['id', 'image_key']).execute();
      for (const r of inserted) byKey.set(r.image_key, r.id);
      const known = chunk.filter((k) => !byKey.has(k));
      if (known.length === 0) return;
      const rows = await db.selectFrom('crowd_pairs').select(['id', 'image_key'])
        .where('project_id', '=', projectId).where('wnid', '=', wnid).where('image_key', 'in', known).execute();
      for (const r of rows) byKey.set(r.image_key, r.id);
    });
  }
  return ids;
}

/** A new task's images as `addCrowdTasks` inserted them, their pair ids and their items' splits and refs. */
export interface NewTaskSlots {
  readonly taskId: number;
  readonly images: ReadonlyArray<{ readonly role: string; readonly itemId: number | null; readonly imageKey: string; readonly imageSha256: string | null }>;
  readonly pairIds: readonly number[];
  readonly items: ReadonlyArray<{ readonly splitId: number; readonly ref: string } | null>;
}

/** Writes `crowd_task_slots` for tasks just created, from what their inserts returned (no image is read back). */
export async function writeNewTaskSlots(db: Db, tasks: readonly NewTaskSlots[]): Promise<void> {
  const packed = tasks.map((t) => ({
    task_id: t.taskId,
    packed: packTaskSlots(t.images.map((i, k) => {
      const item = i.itemId === null ? null : t.items[k]!;
      return {
        pairId: t.pairIds[k]!, role: i.role, itemId: i.itemId, itemSplitId: item?.splitId ?? null, itemRef: item?.ref ?? null,
        imageKey: i.imageKey, imageSha256: i.imageSha256,
      };
    })),
  }));
  await insertChunked(packed, (part) => db.insertInto('crowd_task_slots').values([...part]).execute(), SLOT_ROWS_PER_INSERT);
}

interface SlotRow {
  task_id: number;
  pair_id: number | null;
  role: string;
  item_id: number | null;
  split_id: number | null;
  dataset_name: string | null;
  split_name: string | null;
  name: string | null;
  image_sha256: string | null;
  image_key: string;
}

/**
 * Writes `crowd_task_slots` for existing tasks from their stored images (migration 0011). Untyped `Kysely`, as the
 * migration sees no schema types. {@link writeNewTaskSlots} packs the same slots for tasks being created.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function writeCrowdTaskSlots(db: Kysely<any>, taskIds: readonly number[]): Promise<void> {
  const sorted = [...taskIds].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; i += TASKS_PER_READ) {
    const chunk = sorted.slice(i, i + TASKS_PER_READ);
    const { rows } = await sql<SlotRow>`select i.task_id, i.pair_id, i.role, i.item_id, it.split_id, d.name as dataset_name,
        sp.name as split_name, it.name, i.image_sha256, i.image_key
      from crowd_task_images i left join items it on it.id = i.item_id left join splits sp on sp.id = it.split_id
        left join datasets d on d.id = sp.dataset_id
      where i.task_id in (${sql.join(chunk)}) order by i.task_id, i.position`.execute(db);
    const slots = new Map<number, TaskSlot[]>(chunk.map((id) => [id, []]));
    for (const r of rows) slots.get(Number(r.task_id))!.push(taskSlotOf(r));
    const packed = [...slots].map(([task_id, s]) => ({ task_id, packed: packTaskSlots(s) }));
    await insertChunked(packed, (part) => db.insertInto('crowd_task_slots').values([...part]).execute(), SLOT_ROWS_PER_INSERT);
  }
}

/** A task image row as a slot; a row without a pair id predates migration 0011's backfill, which cannot happen after it. */
export function taskSlotOf(r: SlotRow): TaskSlot {
  if (r.pair_id === null) throw new Error(`task image of task ${r.task_id} has no pair id (run heldout migrate)`);
  const item = r.item_id === null || r.split_id === null ? null : { id: Number(r.item_id), splitId: Number(r.split_id) };
  return {
    pairId: Number(r.pair_id), role: r.role, itemId: r.item_id === null ? null : Number(r.item_id), itemSplitId: item?.splitId ?? null,
    itemRef: item === null ? null : `${r.dataset_name}/${r.split_name}/${r.name}`, imageKey: r.image_key, imageSha256: r.image_sha256,
  };
}

/** The rows {@link taskSlotOf} takes, for one task (reads of tasks whose packed row is missing). */
export function taskSlotRows(db: Db, taskId: number) {
  return db.selectFrom('crowd_task_images as i').leftJoin('items as it', 'it.id', 'i.item_id')
    .leftJoin('splits as sp', 'sp.id', 'it.split_id').leftJoin('datasets as d', 'd.id', 'sp.dataset_id')
    .select(['i.task_id', 'i.pair_id', 'i.role', 'i.item_id', 'it.split_id', 'd.name as dataset_name', 'sp.name as split_name', 'it.name', 'i.image_sha256', 'i.image_key'])
    .where('i.task_id', '=', taskId).orderBy('i.position').execute();
}
