import { Hono, type Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { addUser, checkLogin, closeSession, issueToken, openSession, userForToken } from '../../challenges/accounts.js';
import type { ChallengeEnv } from '../../challenges/challenge-env.js';
import { ChallengeError } from '../../challenges/challenge-error.js';
import { UserError } from '../../errors.js';
import type { UserRow } from '../../store/areas/challenge-tables.js';
import { requireUser, SESSION_COOKIE, type AuthEnv } from '../middleware/authenticate.js';
import { clientAddress } from '../middleware/client-address.js';
import type { RateLimiter } from '../middleware/rate-limiter.js';
import { accountPage, loginPage, registerPage } from '../views/auth-pages.js';
import { pageUser } from './challenges-shared.js';

/** Only same-site paths may follow a sign-in (no open redirect to `//evil.example`). */
function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(next) ? next : '/challenges';
}

async function form(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/**
 * Registration, sign-in (name + password, or an API token) and sign-out for pages, the account page with token
 * creation, and `/api/me` and `/api/tokens` for clients. Failed sign-ins are rate limited per address and per name.
 */
export function authRoutes(env: ChallengeEnv, limiter: RateLimiter): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();

  const startSession = async (c: Context<AuthEnv>, user: UserRow, next: string) => {
    const s = await openSession(env.ws.store, user.id, env.now());
    setCookie(c, SESSION_COOKIE, s.cookie, {
      httpOnly: true, sameSite: 'Lax', path: '/', expires: s.expiresAt, secure: new URL(c.req.url).protocol === 'https:',
    });
    return c.redirect(next, 303);
  };

  app.get('/login', (c) => c.html(loginPage(pageUser(c), safeNext(c.req.query('next')))));
  app.post('/login', async (c) => {
    const f = await form(c);
    const next = safeNext(f.next);
    const keys = [`login:${clientAddress(c)}`, ...(f.name ? [`login-name:${f.name.slice(0, 40)}`] : [])];
    const blocked = keys.find((k) => limiter.blocked(k));
    if (blocked) {
      c.header('retry-after', String(limiter.retryAfter(blocked)));
      return c.html(loginPage(pageUser(c), next, 'Too many failed sign-in attempts; try again later.'), 429);
    }
    const user = f.token ? await userForToken(env.ws.store, f.token.trim(), env.now()) : await checkLogin(env.ws.store, f.name ?? '', f.password ?? '');
    if (!user) {
      for (const k of keys) limiter.fail(k);
      return c.html(loginPage(pageUser(c), next, f.token ? 'That API token is not valid.' : 'Wrong user name or password.'), 401);
    }
    return startSession(c, user, next);
  });

  app.get('/register', (c) => c.html(registerPage(pageUser(c))));
  app.post('/register', async (c) => {
    const f = await form(c);
    const key = `register:${clientAddress(c)}`;
    if (limiter.blocked(key)) return c.html(registerPage(pageUser(c), 'Too many accounts from this address; try again later.'), 429);
    try {
      // Each registration counts against the address's budget, which slows down account farming.
      limiter.fail(key);
      const { user } = await addUser(env.ws.store, { name: (f.name ?? '').trim(), role: 'participant', password: f.password ?? '' }, env.now());
      return startSession(c, user, '/challenges');
    } catch (err) {
      if (err instanceof UserError) return c.html(registerPage(pageUser(c), err.message), 400);
      throw err;
    }
  });

  app.post('/logout', async (c) => {
    const auth = c.get('auth');
    if (auth.kind === 'session') await closeSession(env.ws.store, auth.cookie);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/challenges', 303);
  });

  app.get('/account', (c) => {
    if (c.get('auth').kind === 'anonymous') return c.redirect('/login?next=/account', 303);
    return c.html(accountPage(pageUser(c)));
  });
  app.post('/account/tokens', async (c) => {
    const user = requireUser(c);
    const f = await form(c);
    const token = await issueToken(env.ws.store, user.id, f.label || 'page', env.now());
    return c.html(accountPage(pageUser(c), token), 201);
  });

  app.get('/api/me', (c) => {
    const user = requireUser(c);
    return c.json({ name: user.name, role: user.role, createdAt: user.created_at });
  });
  app.post('/api/tokens', async (c) => {
    const user = requireUser(c);
    const body = (await c.req.json().catch(() => ({}))) as { label?: unknown };
    const label = typeof body.label === 'string' ? body.label : 'api';
    if (label.length > 100) throw new ChallengeError('label: at most 100 characters', 400);
    return c.json({ token: await issueToken(env.ws.store, user.id, label, env.now()), label }, 201);
  });
  app.get('/api/tokens', async (c) => {
    const user = requireUser(c);
    const tokens = await env.ws.store.listApiTokens(user.id);
    return c.json({ tokens: tokens.map((t) => ({ id: t.id, label: t.label, createdAt: t.created_at, lastUsedAt: t.last_used_at, revoked: t.revoked === 1 })) });
  });
  // Revokes one of the caller's own tokens (possibly the one making this request); another user's id is a 404.
  app.delete('/api/tokens/:id', async (c) => {
    const user = requireUser(c);
    const id = Number(c.req.param('id'));
    const own = Number.isSafeInteger(id) && (await env.ws.store.listApiTokens(user.id)).some((t) => t.id === id);
    if (!own) throw new ChallengeError(`you have no API token ${c.req.param('id').slice(0, 20)}`, 404);
    const revoked = await env.ws.store.revokeApiTokens(user.id, [id]);
    return c.json({ id, revoked: true, wasLive: revoked === 1 });
  });

  return app;
}
