import type { Db } from './db.js';
import { inTransaction, insertChunked } from './db.js';
import type { CrowdQualificationStore } from '../areas/crowd-qualification-store.js';

/** Tables of this part of the crowd area, for `Store.tableCounts` (listed in CROWD_TABLES). */
export const CROWD_QUALIFICATION_TABLES = ['crowd_qualification_attempts', 'crowd_practice_images'] as const;

/** Thrown inside a transaction to roll back a grid answered twice at once. */
class AnsweredBefore extends Error {}

/** Qualification attempts and practice images over any Kysely connection. */
export function crowdQualificationQueries(db: Db): CrowdQualificationStore {
  return {
    crowdQualificationAttempts: (projectId, workerId) => db.selectFrom('crowd_qualification_attempts').selectAll()
      .where('project_id', '=', projectId).where('worker_id', '=', workerId).orderBy('attempt').execute(),

    startCrowdQualification: (a) => inTransaction(db, async (db) => {
      const row = await db.insertInto('crowd_qualification_attempts').values({
        project_id: a.projectId, worker_id: a.workerId, attempt: a.attempt, status: 'open', min_accuracy: a.minAccuracy,
        correct: 0, total: 0, started_at: a.now.toISOString(), finished_at: null,
      }).returningAll().executeTakeFirstOrThrow();
      const rows = a.images.map((i) => ({
        attempt_id: row.id, grid: i.grid, position: i.position, wnid: i.wnid, public_id: i.publicId, item_id: i.itemId,
        image_sha256: i.imageSha256, expected: i.expected ? 1 : 0, answer: null, answered_at: null,
      }));
      await insertChunked(rows, (chunk) => db.insertInto('crowd_practice_images').values([...chunk]).execute());
      return row;
    }),

    crowdPracticeImages: (attemptId) => db.selectFrom('crowd_practice_images').selectAll()
      .where('attempt_id', '=', attemptId).orderBy('grid').orderBy('position').execute(),

    findCrowdPracticeImage: (publicId) => db.selectFrom('crowd_practice_images').selectAll().where('public_id', '=', publicId).executeTakeFirst(),

    async answerCrowdPracticeGrid(a) {
      try {
        await inTransaction(db, async (db) => {
          const at = a.now.toISOString();
          const grid = () => db.updateTable('crowd_practice_images').where('attempt_id', '=', a.attemptId).where('grid', '=', a.grid).where('answer', 'is', null);
          const unanswered = Number((await db.selectFrom('crowd_practice_images').select((eb) => eb.fn.countAll<number>().as('n'))
            .where('attempt_id', '=', a.attemptId).where('grid', '=', a.grid).where('answer', 'is', null).executeTakeFirstOrThrow()).n);
          let updated = 0;
          if (a.selectedIds.length > 0) updated += Number((await grid().set({ answer: 1, answered_at: at }).where('id', 'in', [...a.selectedIds]).executeTakeFirst()).numUpdatedRows);
          updated += Number((await grid().set({ answer: 0, answered_at: at }).executeTakeFirst()).numUpdatedRows);
          // Conditional updates: a grid answered by a racing request leaves fewer rows to update than it had.
          if (unanswered === 0 || updated !== unanswered) throw new AnsweredBefore();
          if (a.finish) {
            const r = await db.updateTable('crowd_qualification_attempts')
              .set({ status: a.finish.status, correct: a.finish.correct, total: a.finish.total, finished_at: at })
              .where('id', '=', a.attemptId).where('status', '=', 'open').executeTakeFirst();
            if (Number(r.numUpdatedRows) !== 1) throw new AnsweredBefore();
          }
        });
        return true;
      } catch (err) {
        if (err instanceof AnsweredBefore) return false;
        throw err;
      }
    },
  };
}
