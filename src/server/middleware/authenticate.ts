import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { UserRow } from '../../store/areas/challenge-tables.js';
import { sessionFor, userForToken } from '../../challenges/accounts.js';
import type { ChallengeEnv } from '../../challenges/challenge-env.js';
import { ChallengeError } from '../../challenges/challenge-error.js';
import { clientAddress } from './client-address.js';
import type { RateLimiter } from './rate-limiter.js';

export const SESSION_COOKIE = 'heldout_session';

/** Who made the request and how: a bearer token (API), a page session (cookie + CSRF token), or nobody. */
export type Auth =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'token'; readonly user: UserRow }
  | { readonly kind: 'session'; readonly user: UserRow; readonly csrfToken: string; readonly cookie: string };

export type AuthEnv = { Variables: { auth: Auth } };

/**
 * Resolves the caller once per request. A bearer token that is wrong is a 401 (never silently anonymous) and counts
 * as a failed attempt for the caller's address; too many failures answer 429 before the token is even looked up.
 */
export function authenticate(env: ChallengeEnv, limiter: RateLimiter): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    c.set('auth', await resolve(c, env, limiter));
    await next();
  };
}

async function resolve(c: Context<AuthEnv>, env: ChallengeEnv, limiter: RateLimiter): Promise<Auth> {
  const header = c.req.header('authorization');
  if (header !== undefined) {
    const key = `token:${clientAddress(c)}`;
    if (limiter.blocked(key)) {
      c.header('retry-after', String(limiter.retryAfter(key)));
      throw new ChallengeError('too many failed token attempts; try again later', 429);
    }
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    const user = m ? await userForToken(env.ws.store, m[1]!, env.now()) : undefined;
    if (!user) {
      limiter.fail(key);
      throw new ChallengeError('invalid or revoked API token', 401);
    }
    return { kind: 'token', user };
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  if (cookie) {
    const s = await sessionFor(env.ws.store, cookie, env.now());
    if (s) return { kind: 'session', user: s.user, csrfToken: s.session.csrf_token, cookie };
  }
  return { kind: 'anonymous' };
}

/** The signed-in user, or a 401. */
export function requireUser(c: Context<AuthEnv>): UserRow {
  const auth = c.get('auth');
  if (auth.kind === 'anonymous') throw new ChallengeError('sign in (page) or send an API token (Authorization: Bearer …)', 401);
  return auth.user;
}

/** The signed-in user or undefined. */
export function currentUser(c: Context<AuthEnv>): UserRow | undefined {
  const auth = c.get('auth');
  return auth.kind === 'anonymous' ? undefined : auth.user;
}
