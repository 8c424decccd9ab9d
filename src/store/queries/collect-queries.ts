import type { Db } from './db.js';
import { inTransaction, insertChunked } from './db.js';
import type {
  CandidateQuery, CollectPairInfo, CollectPoolSummary, CollectStore, NewCollectHash, NewCollectPair, NewCollectPool, ReferenceImageItem,
} from '../areas/collect-store.js';
import type { CollectCandidateRow, CollectHashRow, CollectPoolRow, NewCollectCandidate } from '../areas/collect-tables.js';

/** Tables of this area, for `Store.tableCounts`. */
export const COLLECT_TABLES = ['collect_pools', 'collect_candidates', 'collect_hashes', 'collect_pairs', 'collect_pair_distances', 'collect_reviews'] as const;

/** Values per IN (...) list: far below every backend's bound-parameter limit. */
const IN_CHUNK = 500;

/** The collect area over any Kysely connection; every backend shares it. */
export function collectQueries(db: Db): CollectStore {
  const pairInfos = async (pairs: ReadonlyArray<{ id: number; pool_id: number; candidate_id: string; reference_kind: string; reference_id: string; created_at: string }>): Promise<CollectPairInfo[]> => {
    const distances = new Map<number, Record<string, number>>();
    const reviews = new Map<number, { decision: string; reviewer: string | null; decided_at: string }>();
    for (let i = 0; i < pairs.length; i += IN_CHUNK) {
      const ids = pairs.slice(i, i + IN_CHUNK).map((p) => p.id);
      for (const d of await db.selectFrom('collect_pair_distances').selectAll().where('pair_id', 'in', ids).execute()) {
        (distances.get(d.pair_id) ?? distances.set(d.pair_id, {}).get(d.pair_id)!)[d.metric] = Number(d.distance);
      }
      for (const r of await db.selectFrom('collect_reviews').selectAll().where('pair_id', 'in', ids).execute()) reviews.set(r.pair_id, r);
    }
    return pairs.map((p) => {
      const r = reviews.get(p.id);
      return { ...p, distances: distances.get(p.id) ?? {}, decision: r?.decision ?? null, reviewer: r?.reviewer ?? null, decided_at: r?.decided_at ?? null };
    });
  };

  return {
    createPool(p: NewCollectPool, now: Date): Promise<CollectPoolRow> {
      return db.insertInto('collect_pools')
        .values({ name: p.name, description: p.description, review_thresholds: null, created_at: now.toISOString() })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    findPool(name: string): Promise<CollectPoolRow | undefined> {
      return db.selectFrom('collect_pools').selectAll().where('name', '=', name).executeTakeFirst();
    },

    async listPools(): Promise<CollectPoolSummary[]> {
      const pools = await db.selectFrom('collect_pools').selectAll().orderBy('name').execute();
      const status = await db.selectFrom('collect_candidates')
        .select(['pool_id', 'status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy(['pool_id', 'status']).execute();
      const pairs = await db.selectFrom('collect_pairs')
        .leftJoin('collect_reviews', 'collect_reviews.pair_id', 'collect_pairs.id')
        .select(['collect_pairs.pool_id', (eb) => eb.fn.count<number>('collect_pairs.id').as('pairs'), (eb) => eb.fn.count<number>('collect_reviews.pair_id').as('reviewed')])
        .groupBy('collect_pairs.pool_id')
        .execute();
      const count = (poolId: number, s: string) => Number(status.find((r) => r.pool_id === poolId && r.status === s)?.n ?? 0);
      return pools.map((p) => {
        const pr = pairs.find((r) => r.pool_id === p.id);
        return { ...p, accepted: count(p.id, 'accepted'), rejected: count(p.id, 'rejected'), pairs: Number(pr?.pairs ?? 0), reviewed: Number(pr?.reviewed ?? 0) };
      });
    },

    async setPoolReviewThresholds(poolId: number, thresholdsJson: string): Promise<void> {
      await db.updateTable('collect_pools').set({ review_thresholds: thresholdsJson }).where('id', '=', poolId).execute();
    },

    async findCandidateIds(ids: readonly string[]): Promise<Map<string, number>> {
      const out = new Map<string, number>();
      for (let i = 0; i < ids.length; i += IN_CHUNK) {
        const rows = await db.selectFrom('collect_candidates').select(['id', 'pool_id']).where('id', 'in', ids.slice(i, i + IN_CHUNK)).execute();
        for (const r of rows) out.set(r.id, r.pool_id);
      }
      return out;
    },

    findCandidate(id: string): Promise<CollectCandidateRow | undefined> {
      return db.selectFrom('collect_candidates').selectAll().where('id', '=', id).executeTakeFirst();
    },

    findCandidateByOriginal(poolId: number, sha256: string): Promise<CollectCandidateRow | undefined> {
      return db.selectFrom('collect_candidates').selectAll()
        .where('pool_id', '=', poolId).where('original_sha256', '=', sha256).where('status', '=', 'accepted')
        .orderBy('seq').executeTakeFirst();
    },

    async nextCandidateSeq(poolId: number): Promise<number> {
      const r = await db.selectFrom('collect_candidates').select((eb) => eb.fn.max('seq').as('m')).where('pool_id', '=', poolId).executeTakeFirst();
      return r?.m === null || r?.m === undefined ? 0 : Number(r.m) + 1;
    },

    async addCandidates(rows: readonly NewCollectCandidate[]): Promise<void> {
      await insertChunked(rows, (chunk) => db.insertInto('collect_candidates').values([...chunk]).execute(), 100);
    },

    listCandidates(poolId: number, q: CandidateQuery = {}): Promise<CollectCandidateRow[]> {
      let query = db.selectFrom('collect_candidates').selectAll().where('pool_id', '=', poolId);
      if (q.status !== undefined) query = query.where('status', '=', q.status);
      if (q.wnid !== undefined) query = query.where('wnid', '=', q.wnid);
      query = query.orderBy('seq');
      if (q.limit !== undefined) query = query.limit(q.limit).offset(q.offset ?? 0);
      return query.execute();
    },

    async countCandidates(poolId: number, status?: 'accepted' | 'rejected'): Promise<number> {
      let query = db.selectFrom('collect_candidates').select((eb) => eb.fn.countAll<number>().as('n')).where('pool_id', '=', poolId);
      if (status !== undefined) query = query.where('status', '=', status);
      return Number((await query.executeTakeFirstOrThrow()).n);
    },

    async rejectionCounts(poolId: number): Promise<Map<string, number>> {
      const rows = await db.selectFrom('collect_candidates')
        .select(['reason', (eb) => eb.fn.countAll<number>().as('n')])
        .where('pool_id', '=', poolId).where('status', '=', 'rejected').groupBy('reason').execute();
      return new Map(rows.map((r) => [r.reason ?? '', Number(r.n)]));
    },

    async isCandidateBlob(sha256: string): Promise<boolean> {
      const row = await db.selectFrom('collect_candidates').select('id')
        .where((eb) => eb.or([eb('original_sha256', '=', sha256), eb('scaled_sha256', '=', sha256), eb('thumb_sha256', '=', sha256)]))
        .limit(1).executeTakeFirst();
      return row !== undefined;
    },

    async putHashes(rows: readonly NewCollectHash[]): Promise<number> {
      let added = 0;
      await insertChunked(rows, async (chunk) => {
        const res = await db.insertInto('collect_hashes')
          .values(chunk.map((h) => ({ subject_kind: h.subjectKind, subject_id: h.subjectId, phash: h.phash, dhash: h.dhash })))
          .onConflict((oc) => oc.columns(['subject_kind', 'subject_id']).doNothing())
          .executeTakeFirst();
        added += Number(res.numInsertedOrUpdatedRows ?? 0);
      });
      return added;
    },

    async findHashes(kind: 'image' | 'candidate', ids: readonly string[]): Promise<CollectHashRow[]> {
      const out: CollectHashRow[] = [];
      for (let i = 0; i < ids.length; i += IN_CHUNK) {
        out.push(...await db.selectFrom('collect_hashes').selectAll()
          .where('subject_kind', '=', kind).where('subject_id', 'in', ids.slice(i, i + IN_CHUNK)).execute());
      }
      return out;
    },

    poolCandidateHashes(poolId: number) {
      return db.selectFrom('collect_candidates')
        .innerJoin('collect_hashes', (j) => j.onRef('collect_hashes.subject_id', '=', 'collect_candidates.id').on('collect_hashes.subject_kind', '=', 'candidate'))
        .select(['collect_candidates.id as id', 'collect_hashes.phash as phash', 'collect_hashes.dhash as dhash'])
        .where('collect_candidates.pool_id', '=', poolId).where('collect_candidates.status', '=', 'accepted')
        .orderBy('collect_candidates.seq')
        .execute();
    },

    async upsertPairs(poolId: number, pairs: readonly NewCollectPair[], now: Date): Promise<{ added: number }> {
      return inTransaction(db, async (db) => {
        let added = 0;
        await insertChunked(pairs, async (chunk) => {
          const res = await db.insertInto('collect_pairs')
            .values(chunk.map((p) => ({ pool_id: poolId, candidate_id: p.candidateId, reference_kind: p.referenceKind, reference_id: p.referenceId, created_at: now.toISOString() })))
            .onConflict((oc) => oc.columns(['pool_id', 'candidate_id', 'reference_kind', 'reference_id']).doNothing())
            .executeTakeFirst();
          added += Number(res.numInsertedOrUpdatedRows ?? 0);
        });
        const ids = new Map<string, number>();
        for (const p of await db.selectFrom('collect_pairs').select(['id', 'candidate_id', 'reference_kind', 'reference_id']).where('pool_id', '=', poolId).execute()) {
          ids.set(`${p.candidate_id}\t${p.reference_kind}\t${p.reference_id}`, p.id);
        }
        const rows = pairs.flatMap((p) => {
          const pairId = ids.get(`${p.candidateId}\t${p.referenceKind}\t${p.referenceId}`)!;
          return Object.entries(p.distances).map(([metric, distance]) => ({ pair_id: pairId, metric, distance }));
        });
        await insertChunked(rows, (chunk) => db.insertInto('collect_pair_distances').values([...chunk])
          .onConflict((oc) => oc.columns(['pair_id', 'metric']).doUpdateSet((eb) => ({ distance: eb.ref('excluded.distance') })))
          .execute());
        return { added };
      });
    },

    async listPairs(poolId: number): Promise<CollectPairInfo[]> {
      return pairInfos(await db.selectFrom('collect_pairs').selectAll().where('pool_id', '=', poolId).orderBy('id').execute());
    },

    async findPair(pairId: number): Promise<CollectPairInfo | undefined> {
      const row = await db.selectFrom('collect_pairs').selectAll().where('id', '=', pairId).executeTakeFirst();
      return row ? (await pairInfos([row]))[0] : undefined;
    },

    async referenceImageItems(shas: readonly string[]): Promise<ReferenceImageItem[]> {
      const out = new Map<string, ReferenceImageItem>();
      for (let i = 0; i < shas.length; i += IN_CHUNK) {
        const rows = await db.selectFrom('items')
          .innerJoin('splits', 'splits.id', 'items.split_id')
          .innerJoin('datasets', 'datasets.id', 'splits.dataset_id')
          .select(['items.image_sha256 as sha256', 'datasets.name as dataset', 'splits.name as split', 'items.name as name', 'splits.labels_hidden as labels_hidden'])
          .where('items.image_sha256', 'in', shas.slice(i, i + IN_CHUNK))
          .orderBy('datasets.name').orderBy('splits.name').orderBy('items.position')
          .execute();
        for (const r of rows) if (!out.has(r.sha256)) out.set(r.sha256, r);
      }
      return [...out.values()];
    },

    async decidePair(pairId: number, decision: 'same' | 'different', reviewer: string | null, now: Date): Promise<void> {
      await db.insertInto('collect_reviews')
        .values({ pair_id: pairId, decision, reviewer, decided_at: now.toISOString() })
        .onConflict((oc) => oc.column('pair_id').doUpdateSet({ decision, reviewer, decided_at: now.toISOString() }))
        .execute();
    },
  };
}
