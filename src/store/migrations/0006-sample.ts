import type { Kysely } from 'kysely';
import type { DialectFeatures } from './dialect-features.js';

/** Sampling: revisions of new test sets (parameters, seed, parent, notes), their ordered images, blacklists. */
export async function up(db: Kysely<unknown>, f: DialectFeatures): Promise<void> {
  await db.schema
    .createTable('sample_revisions')
    .addColumn('id', 'integer', (c) => f.autoIncrementPrimaryKey(c))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('project_id', 'integer', (c) => c.notNull().references('crowd_projects.id').onDelete('cascade'))
    .addColumn('reference_split_id', 'integer', (c) => c.notNull().references('splits.id').onDelete('cascade'))
    .addColumn('strategy', 'text', (c) => c.notNull())
    .addColumn('seed', 'integer', (c) => c.notNull())
    .addColumn('params_json', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'integer', (c) => c.references('sample_revisions.id').onDelete('set null'))
    .addColumn('dataset_id', 'integer', (c) => c.references('datasets.id').onDelete('set null'))
    .addColumn('notes_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sample_revisions_project').on('sample_revisions').column('project_id').execute();
  await db.schema
    .createTable('sample_images')
    .addColumn('revision_id', 'integer', (c) => c.notNull().references('sample_revisions.id').onDelete('cascade'))
    .addColumn('row', 'integer', (c) => c.notNull())
    .addColumn('image_sha256', 'text', (c) => c.notNull())
    .addColumn('wnid', 'text', (c) => c.notNull())
    .addColumn('selected', 'integer', (c) => c.notNull())
    .addColumn('shown', 'integer', (c) => c.notNull())
    .addColumn('carried', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('sample_images_pk', ['revision_id', 'row'])
    .addUniqueConstraint('sample_images_revision_image', ['revision_id', 'image_sha256'])
    .execute();
  await db.schema
    .createTable('sample_blacklist')
    .addColumn('id', 'integer', (c) => f.autoIncrementPrimaryKey(c))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('crowd_projects.id').onDelete('cascade'))
    .addColumn('image_sha256', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('sample_blacklist_project_image', ['project_id', 'image_sha256'])
    .execute();
}
