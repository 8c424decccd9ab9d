import { sql, type Kysely } from 'kysely';
import type { DialectFeatures } from './dialect-features.js';
import { writeCrowdTaskSlots } from '../queries/crowd-pair-writes.js';

/**
 * Selection frequencies without per-image reads: (image, class) pairs numbered in the database (`crowd_pairs`, and
 * `crowd_task_images.pair_id`), each task's images packed into one row (`crowd_task_slots`), and each assignment's
 * selections packed next to its status (`crowd_assignments.selections`). Existing projects are backfilled here: pairs in
 * order of first appearance, the packed rows from the stored images, selections from `crowd_votes` (which stays the
 * record of every vote).
 */
export async function up(db: Kysely<unknown>, f: DialectFeatures): Promise<void> {
  await db.schema
    .createTable('crowd_pairs')
    .addColumn('id', 'integer', (c) => f.autoIncrementPrimaryKey(c))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('crowd_projects.id').onDelete('cascade'))
    .addColumn('wnid', 'text', (c) => c.notNull())
    .addColumn('image_key', 'text', (c) => c.notNull())
    .addUniqueConstraint('crowd_pairs_project_wnid_key', ['project_id', 'wnid', 'image_key'])
    .execute();
  await db.schema.alterTable('crowd_task_images').addColumn('pair_id', 'integer', (c) => c.references('crowd_pairs.id')).execute();
  await db.schema
    .createTable('crowd_task_slots')
    .addColumn('task_id', 'integer', (c) => c.primaryKey().references('crowd_tasks.id').onDelete('cascade'))
    .addColumn('packed', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('crowd_assignments').addColumn('selections', 'text').execute();

  await sql`insert into crowd_pairs (project_id, wnid, image_key)
    select t.project_id, t.wnid, i.image_key from crowd_task_images i inner join crowd_tasks t on t.id = i.task_id
    group by t.project_id, t.wnid, i.image_key order by min(i.id)`.execute(db);
  await sql`update crowd_task_images set pair_id = (select p.id from crowd_tasks t inner join crowd_pairs p
    on p.project_id = t.project_id and p.wnid = t.wnid and p.image_key = crowd_task_images.image_key
    where t.id = crowd_task_images.task_id)`.execute(db);
  await sql`update crowd_assignments set selections = coalesce((select string_agg(cast(i.position as text), ',' order by i.position)
    from crowd_votes v inner join crowd_task_images i on i.id = v.task_image_id where v.assignment_id = crowd_assignments.id), '')
    where status <> 'accepted'`.execute(db);
  const tasks = await sql<{ id: number }>`select id from crowd_tasks order by id`.execute(db);
  await writeCrowdTaskSlots(db, tasks.rows.map((r) => Number(r.id)));
}
