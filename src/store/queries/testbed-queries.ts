import type { Db } from './db.js';
import { inTransaction } from './db.js';
import type { TestbedEvaluationOutcome, TestbedEvaluationSummary, TestbedStore } from '../areas/testbed-store.js';
import type { NewTestbedChunk, NewTestbedEvaluation, NewTestbedModel, TestbedChunkRow, TestbedEvaluationRow, TestbedModelRow } from '../areas/testbed-tables.js';

/** Tables of this area, for `Store.tableCounts`. */
export const TESTBED_TABLES = ['testbed_models', 'testbed_evaluations', 'testbed_chunks'] as const;

/** The testbed area over any Kysely connection; every backend shares it. */
export function testbedQueries(db: Db): TestbedStore {
  return {
    createModel(m: NewTestbedModel, now: Date): Promise<TestbedModelRow> {
      return db.insertInto('testbed_models').values({ ...m, created_at: now.toISOString() }).returningAll().executeTakeFirstOrThrow();
    },

    findModel(name: string): Promise<TestbedModelRow | undefined> {
      return db.selectFrom('testbed_models').selectAll().where('name', '=', name).executeTakeFirst();
    },

    listModels(): Promise<TestbedModelRow[]> {
      return db.selectFrom('testbed_models').selectAll().orderBy('name').execute();
    },

    async deleteModel(modelId: number): Promise<void> {
      await inTransaction(db, async (db) => {
        const evals = db.selectFrom('testbed_evaluations').select('id').where('model_id', '=', modelId);
        await db.deleteFrom('testbed_chunks').where('evaluation_id', 'in', evals).execute();
        await db.deleteFrom('testbed_evaluations').where('model_id', '=', modelId).execute();
        await db.deleteFrom('testbed_models').where('id', '=', modelId).execute();
      });
    },

    createEvaluation(e: NewTestbedEvaluation, now: Date): Promise<TestbedEvaluationRow> {
      return db
        .insertInto('testbed_evaluations')
        .values({ ...e, status: 'running', done: 0, created_at: now.toISOString() })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    findEvaluation(modelId: number, splitId: number): Promise<TestbedEvaluationRow | undefined> {
      return db.selectFrom('testbed_evaluations').selectAll().where('model_id', '=', modelId).where('split_id', '=', splitId).executeTakeFirst();
    },

    getEvaluation(id: number): Promise<TestbedEvaluationRow | undefined> {
      return db.selectFrom('testbed_evaluations').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async listEvaluations(q: { modelId?: number; splitId?: number } = {}): Promise<TestbedEvaluationSummary[]> {
      let query = db
        .selectFrom('testbed_evaluations as e')
        .innerJoin('testbed_models as m', 'm.id', 'e.model_id')
        .innerJoin('splits as s', 's.id', 'e.split_id')
        .innerJoin('datasets as d', 'd.id', 's.dataset_id')
        .selectAll('e')
        .select(['m.name as model_name', 'd.name as dataset_name', 's.name as split_name', 's.labels_hidden as labels_hidden']);
      if (q.modelId !== undefined) query = query.where('e.model_id', '=', q.modelId);
      if (q.splitId !== undefined) query = query.where('e.split_id', '=', q.splitId);
      return query.orderBy('m.name').orderBy('d.name').orderBy('s.name').execute();
    },

    async addChunk(evaluationId: number, chunk: NewTestbedChunk, now: Date): Promise<void> {
      await inTransaction(db, async (db) => {
        await db.insertInto('testbed_chunks').values({ ...chunk, evaluation_id: evaluationId, created_at: now.toISOString() }).execute();
        await db.updateTable('testbed_evaluations').set((eb) => ({ done: eb('done', '+', chunk.count) })).where('id', '=', evaluationId).execute();
      });
    },

    listChunks(evaluationId: number): Promise<TestbedChunkRow[]> {
      return db.selectFrom('testbed_chunks').selectAll().where('evaluation_id', '=', evaluationId).orderBy('chunk').execute();
    },

    async resumeEvaluation(evaluationId: number): Promise<void> {
      await db.updateTable('testbed_evaluations').set({ status: 'running', error: null, finished_at: null }).where('id', '=', evaluationId).execute();
    },

    async finishEvaluation(evaluationId: number, outcome: TestbedEvaluationOutcome, now: Date): Promise<void> {
      const values = outcome.kind === 'done'
        ? { status: 'done', correct_top1: outcome.correctTop1, correct_topk: outcome.correctTopk, error: null }
        : { status: 'failed', error: outcome.error };
      await db.updateTable('testbed_evaluations').set({ ...values, finished_at: now.toISOString() }).where('id', '=', evaluationId).execute();
    },

    async deleteEvaluation(evaluationId: number): Promise<void> {
      await inTransaction(db, async (db) => {
        await db.deleteFrom('testbed_chunks').where('evaluation_id', '=', evaluationId).execute();
        await db.deleteFrom('testbed_evaluations').where('id', '=', evaluationId).execute();
      });
    },
  };
}
