import { inTransaction, type Db } from './db.js';
import type { ChallengeStore, NewChallenge } from '../areas/challenge-store.js';
import type { ChallengeRow, LabelSetRow, PhaseRow } from '../areas/challenge-tables.js';

type DefinitionQueries = Pick<ChallengeStore,
  'createChallenge' | 'findChallenge' | 'listChallenges' | 'challengeHostIds' | 'listPhases' | 'findPhase' | 'closePhase' | 'labelSet' | 'addLabelSet'>;

/** Challenges, their hosts, phases and versioned label sets. */
export function challengeDefinitionQueries(db: Db): DefinitionQueries {
  return {
    createChallenge(c: NewChallenge, now: Date): Promise<ChallengeRow> {
      const at = now.toISOString();
      return inTransaction(db, async (db) => {
        const row = await db.insertInto('challenges')
          .values({ name: c.name, title: c.title, config_json: c.configJson, dataset_id: c.datasetId, split_id: c.splitId, revision: 1, created_at: at })
          .returningAll()
          .executeTakeFirstOrThrow();
        if (c.hostIds.length > 0) {
          await db.insertInto('challenge_hosts').values(c.hostIds.map((user_id) => ({ challenge_id: row.id, user_id }))).execute();
        }
        await db.insertInto('challenge_label_sets')
          .values({ challenge_id: row.id, revision: 1, label_hash: c.labelSet.labelHash, n: c.labelSet.n, source: c.labelSet.source, created_at: at })
          .execute();
        for (const p of c.phases) await db.insertInto('challenge_phases').values({ ...p, challenge_id: row.id, closed_at: null }).execute();
        return row;
      });
    },

    findChallenge(by): Promise<ChallengeRow | undefined> {
      const q = db.selectFrom('challenges').selectAll();
      return ('id' in by ? q.where('id', '=', by.id) : q.where('name', '=', by.name)).executeTakeFirst();
    },

    listChallenges(): Promise<ChallengeRow[]> {
      return db.selectFrom('challenges').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
    },

    async challengeHostIds(challengeId: number): Promise<number[]> {
      const rows = await db.selectFrom('challenge_hosts').select('user_id').where('challenge_id', '=', challengeId).execute();
      return rows.map((r) => r.user_id);
    },

    listPhases(challengeId: number): Promise<PhaseRow[]> {
      return db.selectFrom('challenge_phases').selectAll().where('challenge_id', '=', challengeId).orderBy('position').execute();
    },

    findPhase(phaseId: number): Promise<PhaseRow | undefined> {
      return db.selectFrom('challenge_phases').selectAll().where('id', '=', phaseId).executeTakeFirst();
    },

    async closePhase(phaseId: number, now: Date): Promise<void> {
      await db.updateTable('challenge_phases').set({ closed_at: now.toISOString() }).where('id', '=', phaseId).where('closed_at', 'is', null).execute();
    },

    labelSet(challengeId: number, revision: number): Promise<LabelSetRow | undefined> {
      return db.selectFrom('challenge_label_sets').selectAll().where('challenge_id', '=', challengeId).where('revision', '=', revision).executeTakeFirst();
    },

    async addLabelSet(row: LabelSetRow): Promise<void> {
      await inTransaction(db, async (db) => {
        await db.insertInto('challenge_label_sets').values(row).execute();
        await db.updateTable('challenges').set({ revision: row.revision }).where('id', '=', row.challenge_id).execute();
      });
    },
  };
}
