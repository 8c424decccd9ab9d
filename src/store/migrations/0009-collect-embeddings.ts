import type { Kysely } from 'kysely';
import type { DialectFeatures } from './dialect-features.js';

/** Collect: feature vectors of reference images and candidates per embedder, for the embedding near-duplicate metric. */
export async function up(db: Kysely<unknown>, _f: DialectFeatures): Promise<void> {
  await db.schema
    .createTable('collect_embeddings')
    .addColumn('embedder', 'text', (c) => c.notNull())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('dim', 'integer', (c) => c.notNull())
    .addColumn('vector', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('collect_embeddings_pk', ['embedder', 'subject_kind', 'subject_id'])
    .execute();
}
