import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { ChallengeError } from '../../challenges/challenge-error.js';
import type { AuthEnv } from './authenticate.js';

const SAFE = /^(GET|HEAD|OPTIONS)$/;

/**
 * CSRF protection for requests a browser could be tricked into sending. Bearer-token requests are exempt (a token
 * is never sent automatically), and so are anonymous API requests (nothing to borrow). Everything else that changes state must come from this origin (hono/csrf's
 * Origin / Sec-Fetch-Site check), and with a page session must also echo the session's synchronizer token: the
 * `x-csrf-token` header, a `_csrf` form field (url-encoded forms), or `?_csrf=` (multipart forms, whose bodies are
 * streamed and not parsed here).
 */
export function csrfGuard(): MiddlewareHandler<AuthEnv> {
  const origin = csrf();
  return async (c, next) => {
    const auth = c.get('auth');
    // Anonymous API calls carry no credentials a forger could borrow (and are refused with 401 anyway).
    if (SAFE.test(c.req.method) || auth.kind === 'token' || (auth.kind === 'anonymous' && c.req.path.startsWith('/api/'))) return next();
    try {
      await origin(c, async () => {});
    } catch (err) {
      if (err instanceof HTTPException) throw new ChallengeError('cross-site request refused (CSRF)', 403);
      throw err;
    }
    if (auth.kind === 'session' && !sameToken(await sentToken(c), auth.csrfToken)) {
      throw new ChallengeError('missing or wrong CSRF token; reload the page and try again', 403);
    }
    await next();
  };
}

async function sentToken(c: Parameters<MiddlewareHandler<AuthEnv>>[0]): Promise<string> {
  const header = c.req.header('x-csrf-token');
  if (header) return header;
  const query = c.req.query('_csrf');
  if (query) return query;
  if ((c.req.header('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) {
    const body = await c.req.parseBody();
    return typeof body._csrf === 'string' ? body._csrf : '';
  }
  return '';
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
