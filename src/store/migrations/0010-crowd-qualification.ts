import type { Kysely } from 'kysely';
import type { DialectFeatures } from './dialect-features.js';

/** Crowd qualification: practice attempts per worker and project, and the practice images (known answers) they showed. */
export async function up(db: Kysely<unknown>, f: DialectFeatures): Promise<void> {
  await db.schema
    .createTable('crowd_qualification_attempts')
    .addColumn('id', 'integer', (c) => f.autoIncrementPrimaryKey(c))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('crowd_projects.id').onDelete('cascade'))
    .addColumn('worker_id', 'integer', (c) => c.notNull().references('crowd_workers.id'))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('min_accuracy', 'real', (c) => c.notNull())
    .addColumn('correct', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    // One attempt n per worker and project: two racing starts cannot both create attempt n.
    .addUniqueConstraint('crowd_qualification_attempts_worker', ['project_id', 'worker_id', 'attempt'])
    .execute();
  await db.schema
    .createTable('crowd_practice_images')
    .addColumn('id', 'integer', (c) => f.autoIncrementPrimaryKey(c))
    .addColumn('attempt_id', 'integer', (c) => c.notNull().references('crowd_qualification_attempts.id').onDelete('cascade'))
    .addColumn('grid', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('wnid', 'text', (c) => c.notNull())
    .addColumn('public_id', 'text', (c) => c.notNull().unique())
    .addColumn('item_id', 'integer', (c) => c.references('items.id'))
    .addColumn('image_sha256', 'text', (c) => c.notNull().references('images.sha256'))
    .addColumn('expected', 'integer', (c) => c.notNull())
    .addColumn('answer', 'integer')
    .addColumn('answered_at', 'text')
    .addUniqueConstraint('crowd_practice_images_attempt_grid_position', ['attempt_id', 'grid', 'position'])
    .execute();
}
