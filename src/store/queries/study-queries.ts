import type { StudyStore } from '../areas/study-store.js';
import type { NewStudy, NewStudyCount, StudyCountRow, StudyRow } from '../areas/study-tables.js';
import { inTransaction, insertChunked, type Db } from './db.js';

/** Tables of this area, for `Store.tableCounts`. */
export const STUDY_TABLES = ['studies', 'study_counts'] as const;

/** The study area over any Kysely connection; every backend shares it. */
export function studyQueries(db: Db): StudyStore {
  return {
    createStudy(s: NewStudy, counts: readonly NewStudyCount[], now: Date): Promise<StudyRow> {
      return inTransaction(db, async (db) => {
        const row = await db.insertInto('studies').values({ ...s, created_at: now.toISOString() }).returningAll().executeTakeFirstOrThrow();
        await insertChunked(counts, (chunk) => db.insertInto('study_counts').values(chunk.map((c) => ({ ...c, study_id: row.id }))).execute());
        return row;
      });
    },

    findStudy(name: string): Promise<StudyRow | undefined> {
      return db.selectFrom('studies').selectAll().where('name', '=', name).executeTakeFirst();
    },

    listStudies(): Promise<StudyRow[]> {
      return db.selectFrom('studies').selectAll().orderBy('name').execute();
    },

    listStudyCounts(studyId: number): Promise<StudyCountRow[]> {
      return db.selectFrom('study_counts').selectAll().where('study_id', '=', studyId).orderBy('model').orderBy('test_set').execute();
    },

    async deleteStudy(studyId: number): Promise<void> {
      await inTransaction(db, async (db) => {
        await db.deleteFrom('study_counts').where('study_id', '=', studyId).execute();
        await db.deleteFrom('studies').where('id', '=', studyId).execute();
      });
    },
  };
}
