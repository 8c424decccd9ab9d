import type { Kysely } from 'kysely';
import type { DialectFeatures } from './dialect-features.js';

/** Replication studies: original vs new test sets, and accuracy counts imported for models without predictions. */
export async function up(db: Kysely<unknown>, f: DialectFeatures): Promise<void> {
  await db.schema
    .createTable('studies')
    .addColumn('id', 'integer', (c) => f.autoIncrementPrimaryKey(c))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('original', 'text', (c) => c.notNull())
    .addColumn('new_sets', 'text', (c) => c.notNull())
    .addColumn('holdout', 'text')
    .addColumn('models_json', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('study_counts')
    .addColumn('study_id', 'integer', (c) => c.notNull().references('studies.id').onDelete('cascade'))
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('test_set', 'text', (c) => c.notNull())
    .addColumn('correct', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('study_counts_pk', ['study_id', 'model', 'test_set'])
    .execute();
}
