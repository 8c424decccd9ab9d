import type { Db } from './db.js';
import type { ChallengeStore, NewSession, NewUser } from '../areas/challenge-store.js';
import type { ApiTokenRow, UserRow } from '../areas/challenge-tables.js';

type AccountQueries = Pick<ChallengeStore, 'createUser' | 'findUser' | 'addApiToken' | 'listApiTokens' | 'revokeApiTokens' | 'userByTokenHash' | 'createSession' | 'findSession' | 'deleteSession'>;

/** Users, API tokens (hashes only) and page sessions (hashes only). */
export function challengeAccountQueries(db: Db): AccountQueries {
  return {
    createUser(u: NewUser, now: Date): Promise<UserRow> {
      return db.insertInto('users')
        .values({ name: u.name, role: u.role, password_hash: u.passwordHash, created_at: now.toISOString() })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    findUser(by): Promise<UserRow | undefined> {
      const q = db.selectFrom('users').selectAll();
      return ('id' in by ? q.where('id', '=', by.id) : q.where('name', '=', by.name)).executeTakeFirst();
    },

    addApiToken(userId: number, tokenHash: string, label: string, now: Date): Promise<ApiTokenRow> {
      return db.insertInto('api_tokens')
        .values({ user_id: userId, token_hash: tokenHash, label, created_at: now.toISOString(), last_used_at: null, revoked: 0 })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    listApiTokens(userId: number) {
      return db.selectFrom('api_tokens').select(['id', 'user_id', 'label', 'created_at', 'last_used_at', 'revoked'])
        .where('user_id', '=', userId).orderBy('id', 'desc').execute();
    },

    async revokeApiTokens(userId: number, ids: readonly number[] | 'all'): Promise<number> {
      if (ids !== 'all' && ids.length === 0) return 0;
      let q = db.updateTable('api_tokens').set({ revoked: 1 }).where('user_id', '=', userId).where('revoked', '=', 0);
      if (ids !== 'all') q = q.where('id', 'in', [...ids]);
      const r = await q.executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    async userByTokenHash(tokenHash: string, now: Date): Promise<UserRow | undefined> {
      const token = await db.selectFrom('api_tokens').select(['id', 'user_id', 'last_used_at']).where('token_hash', '=', tokenHash).where('revoked', '=', 0).executeTakeFirst();
      if (!token) return undefined;
      // At most one write a minute per token: a client polling a submission must not turn every read into a write.
      if (token.last_used_at === null || Date.parse(token.last_used_at) < now.getTime() - 60_000) {
        await db.updateTable('api_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', token.id).execute();
      }
      return db.selectFrom('users').selectAll().where('id', '=', token.user_id).executeTakeFirst();
    },

    async createSession(s: NewSession, now: Date): Promise<void> {
      await db.insertInto('page_sessions')
        .values({ id_hash: s.idHash, user_id: s.userId, csrf_token: s.csrfToken, created_at: now.toISOString(), expires_at: s.expiresAt.toISOString() })
        .execute();
    },

    async findSession(idHash: string, now: Date) {
      const session = await db.selectFrom('page_sessions').selectAll().where('id_hash', '=', idHash).where('expires_at', '>', now.toISOString()).executeTakeFirst();
      if (!session) return undefined;
      const user = await db.selectFrom('users').selectAll().where('id', '=', session.user_id).executeTakeFirst();
      return user ? { session, user } : undefined;
    },

    async deleteSession(idHash: string): Promise<void> {
      await db.deleteFrom('page_sessions').where('id_hash', '=', idHash).execute();
    },
  };
}
