import type { Kysely } from 'kysely';
import type { DialectFeatures } from './dialect-features.js';

/** The testbed: models, evaluations of models on splits, chunks of per-image predictions (arrays in the BlobStore). */
export async function up(db: Kysely<unknown>, f: DialectFeatures): Promise<void> {
  await db.schema
    .createTable('testbed_models')
    .addColumn('id', 'integer', (c) => f.autoIncrementPrimaryKey(c))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('onnx_sha256', 'text')
    .addColumn('onnx_bytes', 'integer')
    .addColumn('preset', 'text')
    .addColumn('mapping', 'text', (c) => c.notNull())
    .addColumn('class_set', 'text', (c) => c.notNull())
    .addColumn('class_wnids', 'text', (c) => c.notNull())
    .addColumn('num_classes', 'integer', (c) => c.notNull())
    .addColumn('card_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('testbed_evaluations')
    .addColumn('id', 'integer', (c) => f.autoIncrementPrimaryKey(c))
    .addColumn('model_id', 'integer', (c) => c.notNull().references('testbed_models.id').onDelete('cascade'))
    .addColumn('split_id', 'integer', (c) => c.notNull().references('splits.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('k', 'integer', (c) => c.notNull())
    .addColumn('chunk_size', 'integer', (c) => c.notNull())
    .addColumn('correct_top1', 'integer')
    .addColumn('correct_topk', 'integer')
    .addColumn('scorer_version', 'text', (c) => c.notNull())
    .addColumn('with_scores', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('settings_json', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addUniqueConstraint('testbed_evaluations_model_split', ['model_id', 'split_id'])
    .execute();
  await db.schema.createIndex('testbed_evaluations_split').on('testbed_evaluations').column('split_id').execute();
  await db.schema
    .createTable('testbed_chunks')
    .addColumn('evaluation_id', 'integer', (c) => c.notNull().references('testbed_evaluations.id').onDelete('cascade'))
    .addColumn('chunk', 'integer', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('blob_sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('testbed_chunks_pk', ['evaluation_id', 'chunk'])
    .execute();
}
