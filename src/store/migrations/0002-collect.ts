import type { Kysely } from 'kysely';
import type { DialectFeatures } from './dialect-features.js';

/** Candidate pools, candidates, perceptual hashes, near-duplicate pairs with per-metric distances, review decisions. */
export async function up(db: Kysely<unknown>, f: DialectFeatures): Promise<void> {
  await db.schema
    .createTable('collect_pools')
    .addColumn('id', 'integer', (c) => f.autoIncrementPrimaryKey(c))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('review_thresholds', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('collect_candidates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('pool_id', 'integer', (c) => c.notNull().references('collect_pools.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('wnid', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('detail', 'text')
    .addColumn('original_sha256', 'text')
    .addColumn('scaled_sha256', 'text')
    .addColumn('thumb_sha256', 'text')
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('format', 'text')
    .addColumn('bytes', 'integer')
    .addColumn('source_name', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text')
    .addColumn('source_url', 'text')
    .addColumn('source_path', 'text')
    .addColumn('owner', 'text')
    .addColumn('license', 'text')
    .addColumn('date_taken', 'text')
    .addColumn('date_uploaded', 'text')
    .addColumn('title', 'text')
    .addColumn('tags', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('collect_candidates_pool_seq', ['pool_id', 'seq'])
    .execute();
  await db.schema.createIndex('collect_candidates_pool_status').on('collect_candidates').columns(['pool_id', 'status']).execute();
  await db.schema.createIndex('collect_candidates_original').on('collect_candidates').columns(['pool_id', 'original_sha256']).execute();
  await db.schema.createIndex('collect_candidates_blobs').on('collect_candidates').columns(['thumb_sha256']).execute();
  await db.schema
    .createTable('collect_hashes')
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('phash', 'text', (c) => c.notNull())
    .addColumn('dhash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('collect_hashes_pk', ['subject_kind', 'subject_id'])
    .execute();
  await db.schema
    .createTable('collect_pairs')
    .addColumn('id', 'integer', (c) => f.autoIncrementPrimaryKey(c))
    .addColumn('pool_id', 'integer', (c) => c.notNull().references('collect_pools.id').onDelete('cascade'))
    .addColumn('candidate_id', 'text', (c) => c.notNull().references('collect_candidates.id').onDelete('cascade'))
    .addColumn('reference_kind', 'text', (c) => c.notNull())
    .addColumn('reference_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('collect_pairs_unique', ['pool_id', 'candidate_id', 'reference_kind', 'reference_id'])
    .execute();
  await db.schema
    .createTable('collect_pair_distances')
    .addColumn('pair_id', 'integer', (c) => c.notNull().references('collect_pairs.id').onDelete('cascade'))
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('distance', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('collect_pair_distances_pk', ['pair_id', 'metric'])
    .execute();
  await db.schema
    .createTable('collect_reviews')
    .addColumn('pair_id', 'integer', (c) => c.primaryKey().references('collect_pairs.id').onDelete('cascade'))
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('reviewer', 'text')
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .execute();
}
