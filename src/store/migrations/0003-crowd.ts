import type { Kysely } from 'kysely';
import type { DialectFeatures } from './dialect-features.js';

/** Crowd verification: projects, grid tasks and their images, workers, assignments (one per worker per task), votes. */
export async function up(db: Kysely<unknown>, f: DialectFeatures): Promise<void> {
  await db.schema
    .createTable('crowd_projects')
    .addColumn('id', 'integer', (c) => f.autoIncrementPrimaryKey(c))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('dataset_id', 'integer', (c) => c.notNull().references('datasets.id'))
    .addColumn('pool_split_id', 'integer', (c) => c.notNull().references('splits.id'))
    .addColumn('controls_split_id', 'integer', (c) => c.references('splits.id'))
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('crowd_project_classes')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('crowd_projects.id').onDelete('cascade'))
    .addColumn('wnid', 'text', (c) => c.notNull())
    .addColumn('negative_wnid', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('crowd_project_classes_pk', ['project_id', 'wnid'])
    .execute();
  await db.schema
    .createTable('crowd_tasks')
    .addColumn('id', 'integer', (c) => f.autoIncrementPrimaryKey(c))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('crowd_projects.id').onDelete('cascade'))
    .addColumn('wnid', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('max_assignments', 'integer', (c) => c.notNull())
    .addColumn('external_id', 'text')
    // A hint, not the truth: 0 once the task's slots were seen full. Claims recount before leasing, and every change
    // that frees a slot sets it back to 1, so finding an open task never scans the (many) full ones.
    .addColumn('open', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('crowd_tasks_project_wnid').on('crowd_tasks').columns(['project_id', 'wnid']).execute();
  await db.schema.createIndex('crowd_tasks_project_open').on('crowd_tasks').columns(['project_id', 'open', 'id']).execute();
  await db.schema
    .createTable('crowd_task_images')
    .addColumn('id', 'integer', (c) => f.autoIncrementPrimaryKey(c))
    .addColumn('task_id', 'integer', (c) => c.notNull().references('crowd_tasks.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('public_id', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('item_id', 'integer', (c) => c.references('items.id'))
    .addColumn('image_sha256', 'text', (c) => c.references('images.sha256'))
    .addColumn('image_key', 'text', (c) => c.notNull())
    .addUniqueConstraint('crowd_task_images_task_position', ['task_id', 'position'])
    .execute();
  await db.schema
    .createTable('crowd_workers')
    .addColumn('id', 'integer', (c) => f.autoIncrementPrimaryKey(c))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('token_hash', 'text', (c) => c.unique())
    .addColumn('simulated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('blocked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('crowd_assignments')
    .addColumn('id', 'integer', (c) => f.autoIncrementPrimaryKey(c))
    .addColumn('task_id', 'integer', (c) => c.notNull().references('crowd_tasks.id').onDelete('cascade'))
    .addColumn('worker_id', 'integer', (c) => c.notNull().references('crowd_workers.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text', (c) => c.notNull())
    .addColumn('lease_expires_at', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('duration_ms', 'integer')
    .addColumn('feedback', 'text')
    .addColumn('external_id', 'text')
    .addColumn('panel_study', 'text')
    .addColumn('panel_session', 'text')
    // One assignment per worker per task, enforced by the database rather than by the claim code alone.
    .addUniqueConstraint('crowd_assignments_task_worker', ['task_id', 'worker_id'])
    .execute();
  await db.schema.createIndex('crowd_assignments_task_status').on('crowd_assignments').columns(['task_id', 'status']).execute();
  await db.schema.createIndex('crowd_assignments_worker_status').on('crowd_assignments').columns(['worker_id', 'status']).execute();
  await db.schema.createIndex('crowd_assignments_status_lease').on('crowd_assignments').columns(['status', 'lease_expires_at']).execute();
  await db.schema
    .createTable('crowd_votes')
    .addColumn('assignment_id', 'integer', (c) => c.notNull().references('crowd_assignments.id').onDelete('cascade'))
    .addColumn('task_image_id', 'integer', (c) => c.notNull().references('crowd_task_images.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('crowd_votes_pk', ['assignment_id', 'task_image_id'])
    .execute();
}
