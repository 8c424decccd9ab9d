import type { Db } from './db.js';
import { insertChunked } from './db.js';
import type { StoreCapabilities } from '../store.js';
import type { ChallengeStore, ScoreQuery, ScoreRecord, SubmissionCounts, SubmissionPatch, SubmissionQuery } from '../areas/challenge-store.js';
import type { LadderReleaseRow, LadderStateRow, NewScore, NewSubmission, SubmissionRow, SubmissionState } from '../areas/challenge-tables.js';

type SubmissionQueries = Pick<ChallengeStore,
  'lockTeam' | 'submissionCounts' | 'findSubmissionByHash' | 'insertSubmission' | 'countSubmissionsWithHash' | 'findSubmission' | 'listSubmissions' | 'updateSubmission' | 'updateSubmissionIf'
  | 'setSelections' | 'insertScores' | 'listScores' | 'ladderState' | 'putLadderState' | 'addLadderRelease' | 'ladderReleases' | 'clearLadder'>;

/** Score columns other than the (large, host-only) correctness bits. */
const SCORE_COLUMNS = [
  'id', 'submission_id', 'split', 'revision', 'scorer_version', 'k', 'correct', 'n', 'accuracy', 'ci_lower', 'ci_upper',
  'label_hash', 'submission_hash', 'git_revision', 'per_class_json', 'created_at',
] as const;

/** Submissions with their quota counts, scores and Ladder state. */
export function challengeSubmissionQueries(db: Db, capabilities: StoreCapabilities): SubmissionQueries {
  return {
    async lockTeam(teamId: number): Promise<void> {
      // SQLite has no row locks and needs none: it runs one write transaction at a time. NO KEY UPDATE serialises the
      // quota checks of one team without blocking rows that merely reference it (members, Ladder state).
      if (capabilities.supportsSkipLocked) await db.selectFrom('teams').select('id').where('id', '=', teamId).forNoKeyUpdate().execute();
    },

    async submissionCounts(teamId: number, phaseId: number, dayStart: Date): Promise<SubmissionCounts> {
      const row = await db.selectFrom('submissions')
        .select((eb) => [
          eb.fn.countAll<number>().as('total'),
          eb.fn.sum<number>(eb.case().when('created_at', '>=', dayStart.toISOString()).then(eb.lit(1)).else(eb.lit(0)).end()).as('today'),
          eb.fn.sum<number>(eb.case().when('state', 'in', ['submitted', 'running']).then(eb.lit(1)).else(eb.lit(0)).end()).as('pending'),
        ])
        .where('team_id', '=', teamId)
        .where('phase_id', '=', phaseId)
        .where('charged', '=', 1)
        .executeTakeFirstOrThrow();
      return { total: Number(row.total), today: Number(row.today ?? 0), pending: Number(row.pending ?? 0) };
    },

    findSubmissionByHash(teamId: number, phaseId: number, sha256: string): Promise<SubmissionRow | undefined> {
      return db.selectFrom('submissions').selectAll()
        .where('team_id', '=', teamId).where('phase_id', '=', phaseId).where('sha256', '=', sha256)
        .where('duplicate_of', 'is', null).where('state', '!=', 'failed')
        .orderBy('id').limit(1)
        .executeTakeFirst();
    },

    insertSubmission(s: NewSubmission): Promise<SubmissionRow> {
      return db.insertInto('submissions').values(s).returningAll().executeTakeFirstOrThrow();
    },

    async countSubmissionsWithHash(sha256: string): Promise<number> {
      const r = await db.selectFrom('submissions').select((eb) => eb.fn.countAll<number>().as('n')).where('sha256', '=', sha256).executeTakeFirstOrThrow();
      return Number(r.n);
    },

    findSubmission(id: number): Promise<SubmissionRow | undefined> {
      return db.selectFrom('submissions').selectAll().where('id', '=', id).executeTakeFirst();
    },

    listSubmissions(q: SubmissionQuery): Promise<SubmissionRow[]> {
      let query = db.selectFrom('submissions').selectAll();
      if (q.challengeId !== undefined) query = query.where('challenge_id', '=', q.challengeId);
      if (q.phaseId !== undefined) query = query.where('phase_id', '=', q.phaseId);
      if (q.teamId !== undefined) query = query.where('team_id', '=', q.teamId);
      if (q.states !== undefined) query = query.where('state', 'in', [...q.states]);
      if (q.baselines !== undefined) query = query.where('is_baseline', '=', q.baselines ? 1 : 0);
      return query.orderBy('id').execute();
    },

    async updateSubmission(id: number, patch: SubmissionPatch): Promise<void> {
      await db.updateTable('submissions').set(patch).where('id', '=', id).execute();
    },

    async updateSubmissionIf(id: number, states: readonly SubmissionState[], patch: SubmissionPatch): Promise<boolean> {
      const r = await db.updateTable('submissions').set(patch).where('id', '=', id).where('state', 'in', [...states]).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    async setSelections(teamId: number, phaseId: number, ids: readonly number[]): Promise<void> {
      await db.updateTable('submissions').set({ selected: 0 }).where('team_id', '=', teamId).where('phase_id', '=', phaseId).execute();
      if (ids.length > 0) {
        await db.updateTable('submissions').set({ selected: 1 })
          .where('team_id', '=', teamId).where('phase_id', '=', phaseId).where('id', 'in', [...ids]).execute();
      }
    },

    async insertScores(rows: readonly NewScore[]): Promise<void> {
      await insertChunked(rows, (chunk) => db.insertInto('scores').values([...chunk]).execute(), 50);
    },

    async listScores(q: ScoreQuery): Promise<ScoreRecord[]> {
      let query = db.selectFrom('scores')
        .innerJoin('submissions', 'submissions.id', 'scores.submission_id')
        .select(SCORE_COLUMNS.filter((c) => q.perClass !== false || c !== 'per_class_json').map((c) => `scores.${c}` as const));
      if (q.withBits) query = query.select('scores.correct_bits');
      if (q.submissionIds !== undefined) {
        if (q.submissionIds.length === 0) return [];
        query = query.where('scores.submission_id', 'in', [...q.submissionIds]);
      }
      if (q.phaseId !== undefined) query = query.where('submissions.phase_id', '=', q.phaseId);
      if (q.split !== undefined) query = query.where('scores.split', '=', q.split);
      if (q.revision !== undefined) query = query.where('scores.revision', '=', q.revision);
      return query.orderBy('scores.submission_id').orderBy('scores.id').execute() as Promise<ScoreRecord[]>;
    },

    ladderState(phaseId: number, teamId: number): Promise<LadderStateRow | undefined> {
      return db.selectFrom('ladder_states').selectAll().where('phase_id', '=', phaseId).where('team_id', '=', teamId).executeTakeFirst();
    },

    async putLadderState(row: LadderStateRow): Promise<void> {
      const { phase_id: _phase, team_id: _team, ...rest } = row;
      await db.insertInto('ladder_states').values(row)
        .onConflict((oc) => oc.columns(['phase_id', 'team_id']).doUpdateSet(rest))
        .execute();
    },

    async addLadderRelease(row: LadderReleaseRow): Promise<void> {
      await db.insertInto('ladder_releases').values(row).execute();
    },

    async ladderReleases(submissionIds: readonly number[]): Promise<LadderReleaseRow[]> {
      if (submissionIds.length === 0) return [];
      return db.selectFrom('ladder_releases').selectAll().where('submission_id', 'in', [...submissionIds]).orderBy('submission_id').execute();
    },

    async clearLadder(phaseId: number): Promise<void> {
      await db.deleteFrom('ladder_releases')
        .where('submission_id', 'in', db.selectFrom('submissions').select('id').where('phase_id', '=', phaseId))
        .execute();
      await db.deleteFrom('ladder_states').where('phase_id', '=', phaseId).execute();
    },
  };
}
