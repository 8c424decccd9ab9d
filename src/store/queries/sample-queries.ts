import type { Db } from './db.js';
import { inTransaction, insertChunked } from './db.js';
import type { SampleRevisionSummary, SampleStore } from '../areas/sample-store.js';
import type { NewSampleImage, NewSampleRevision, SampleBlacklistRow, SampleImageRow, SampleRevisionRow } from '../areas/sample-tables.js';

/** Tables of this area, for `Store.tableCounts`. */
export const SAMPLE_TABLES = ['sample_revisions', 'sample_images', 'sample_blacklist'] as const;

/** The sample area over any Kysely connection; every backend shares it. */
export function sampleQueries(db: Db): SampleStore {
  return {
    createSampleRevision(r: NewSampleRevision, images: readonly NewSampleImage[], now: Date): Promise<SampleRevisionRow> {
      return inTransaction(db, async (db) => {
        const row = await db.insertInto('sample_revisions').values({ ...r, created_at: now.toISOString() }).returningAll().executeTakeFirstOrThrow();
        await insertChunked(images, (chunk) => db.insertInto('sample_images').values(chunk.map((i) => ({ ...i, revision_id: row.id }))).execute());
        return row;
      });
    },

    findSampleRevision(by: { name: string } | { id: number }): Promise<SampleRevisionRow | undefined> {
      const q = db.selectFrom('sample_revisions').selectAll();
      return ('name' in by ? q.where('name', '=', by.name) : q.where('id', '=', by.id)).executeTakeFirst();
    },

    async listSampleRevisions(q: { projectId?: number } = {}): Promise<SampleRevisionSummary[]> {
      let query = db
        .selectFrom('sample_revisions as r')
        .innerJoin('crowd_projects as p', 'p.id', 'r.project_id')
        .leftJoin('sample_revisions as parent', 'parent.id', 'r.parent_id')
        .selectAll('r')
        .select(['p.name as project_name', 'parent.name as parent_name'])
        .select((eb) => eb.selectFrom('sample_images as i').whereRef('i.revision_id', '=', 'r.id').select(eb.fn.countAll<number>().as('n')).as('images'));
      if (q.projectId !== undefined) query = query.where('r.project_id', '=', q.projectId);
      const rows = await query.orderBy('r.id').execute();
      return rows.map((r) => ({ ...r, images: Number(r.images ?? 0) }));
    },

    sampleImages(revisionId: number): Promise<SampleImageRow[]> {
      return db.selectFrom('sample_images').selectAll().where('revision_id', '=', revisionId).orderBy('row').execute();
    },

    async putBlacklistEntry(projectId: number, imageSha256: string, reason: string, now: Date): Promise<void> {
      await db.insertInto('sample_blacklist')
        .values({ project_id: projectId, image_sha256: imageSha256, reason, created_at: now.toISOString() })
        .onConflict((oc) => oc.columns(['project_id', 'image_sha256']).doUpdateSet({ reason, created_at: now.toISOString() }))
        .execute();
    },

    async removeBlacklistEntry(projectId: number, imageSha256: string): Promise<boolean> {
      const r = await db.deleteFrom('sample_blacklist').where('project_id', '=', projectId).where('image_sha256', '=', imageSha256).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },

    listBlacklist(projectId: number): Promise<SampleBlacklistRow[]> {
      return db.selectFrom('sample_blacklist').selectAll().where('project_id', '=', projectId).orderBy('image_sha256').execute();
    },
  };
}
