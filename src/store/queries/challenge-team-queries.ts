import type { Db } from './db.js';
import type { ChallengeStore, TeamMember } from '../areas/challenge-store.js';
import type { TeamRow } from '../areas/challenge-tables.js';

type TeamQueries = Pick<ChallengeStore, 'createTeam' | 'addTeamMember' | 'findTeam' | 'teamOfUser' | 'teamMembers' | 'listTeams' | 'removeTeamMember' | 'deleteTeam'>;

/** Teams and their members (one team per user per challenge, by primary key). */
export function challengeTeamQueries(db: Db): TeamQueries {
  return {
    createTeam(t, now: Date): Promise<TeamRow> {
      return db.insertInto('teams')
        .values({ challenge_id: t.challengeId, name: t.name, invite_code: t.inviteCode, created_at: now.toISOString() })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async removeTeamMember(challengeId: number, userId: number): Promise<void> {
      await db.deleteFrom('team_members').where('challenge_id', '=', challengeId).where('user_id', '=', userId).execute();
    },

    async deleteTeam(teamId: number): Promise<void> {
      await db.deleteFrom('ladder_states').where('team_id', '=', teamId).execute();
      await db.deleteFrom('teams').where('id', '=', teamId).execute();
    },

    async addTeamMember(teamId: number, challengeId: number, userId: number, now: Date): Promise<void> {
      await db.insertInto('team_members').values({ team_id: teamId, challenge_id: challengeId, user_id: userId, joined_at: now.toISOString() }).execute();
    },

    findTeam(by): Promise<TeamRow | undefined> {
      let q = db.selectFrom('teams').selectAll();
      if ('id' in by) q = q.where('id', '=', by.id);
      else if ('inviteCode' in by) q = q.where('challenge_id', '=', by.challengeId).where('invite_code', '=', by.inviteCode);
      else q = q.where('challenge_id', '=', by.challengeId).where('name', '=', by.name);
      return q.executeTakeFirst();
    },

    teamOfUser(challengeId: number, userId: number): Promise<TeamRow | undefined> {
      return db.selectFrom('team_members')
        .innerJoin('teams', 'teams.id', 'team_members.team_id')
        .selectAll('teams')
        .where('team_members.challenge_id', '=', challengeId)
        .where('team_members.user_id', '=', userId)
        .executeTakeFirst();
    },

    async teamMembers(teamId: number): Promise<TeamMember[]> {
      const rows = await db.selectFrom('team_members')
        .innerJoin('users', 'users.id', 'team_members.user_id')
        .select(['users.id as userId', 'users.name as name', 'team_members.joined_at as joinedAt'])
        .where('team_members.team_id', '=', teamId)
        .orderBy('team_members.joined_at')
        .orderBy('users.id')
        .execute();
      return rows;
    },

    listTeams(challengeId: number): Promise<TeamRow[]> {
      return db.selectFrom('teams').selectAll().where('challenge_id', '=', challengeId).orderBy('id').execute();
    },
  };
}
