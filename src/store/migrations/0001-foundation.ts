import type { Kysely } from 'kysely';
import type { DialectFeatures } from './dialect-features.js';

/** Datasets, their classes, splits, content-addressed images and split items. */
export async function up(db: Kysely<unknown>, f: DialectFeatures): Promise<void> {
  await db.schema
    .createTable('datasets')
    .addColumn('id', 'integer', (c) => f.autoIncrementPrimaryKey(c))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('class_set', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('dataset_classes')
    .addColumn('dataset_id', 'integer', (c) => c.notNull().references('datasets.id').onDelete('cascade'))
    .addColumn('wnid', 'text', (c) => c.notNull())
    .addColumn('devkit_id', 'integer', (c) => c.notNull())
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('dataset_classes_pk', ['dataset_id', 'wnid'])
    .execute();
  await db.schema
    .createTable('splits')
    .addColumn('id', 'integer', (c) => f.autoIncrementPrimaryKey(c))
    .addColumn('dataset_id', 'integer', (c) => c.notNull().references('datasets.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('labels_hidden', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('source_layout', 'text', (c) => c.notNull())
    .addColumn('source_path', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('splits_dataset_name', ['dataset_id', 'name'])
    .execute();
  await db.schema
    .createTable('images')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('items')
    .addColumn('id', 'integer', (c) => f.autoIncrementPrimaryKey(c))
    .addColumn('split_id', 'integer', (c) => c.notNull().references('splits.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('image_sha256', 'text', (c) => c.notNull().references('images.sha256'))
    .addColumn('wnid', 'text', (c) => c.notNull())
    .addColumn('source_path', 'text')
    .addColumn('source_url', 'text')
    .addColumn('license', 'text')
    .addColumn('date_taken', 'text')
    .addColumn('date_uploaded', 'text')
    .addUniqueConstraint('items_split_name', ['split_id', 'name'])
    .addUniqueConstraint('items_split_position', ['split_id', 'position'])
    .execute();
  await db.schema.createIndex('items_split_wnid').on('items').columns(['split_id', 'wnid']).execute();
  await db.schema.createIndex('items_image').on('items').column('image_sha256').execute();
}
