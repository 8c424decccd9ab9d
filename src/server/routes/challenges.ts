import { availableParallelism } from 'node:os';
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { JobQueue } from '../../jobs/queue.js';
import type { Workspace } from '../../store/workspace.js';
import { challengeEnv } from '../../challenges/challenge-env.js';
import { ChallengeError } from '../../challenges/challenge-error.js';
import { registerScoring, resumeScoring } from '../../challenges/scoring-queue.js';
import { UserError } from '../../errors.js';
import { authenticate, type AuthEnv } from '../middleware/authenticate.js';
import { csrfGuard } from '../middleware/csrf-guard.js';
import { createRateLimiter, type RateLimitOptions } from '../middleware/rate-limiter.js';
import { errorPage } from '../views/challenge-layout.js';
import { authRoutes } from './auth.js';
import { challengeApiRoutes } from './challenges-api.js';
import { challengePageRoutes } from './challenges-pages.js';
import { pageUser } from './challenges-shared.js';

/** Optional settings of the challenge server (tests pin the clock and tighten the limits). */
export interface ChallengeServerOptions {
  readonly now?: () => Date;
  /** Failed sign-ins (per address and per name) and registrations per address; default 10 per 15 minutes. */
  readonly loginLimit?: RateLimitOptions;
  /** Failed bearer-token attempts per address; default 20 per 15 minutes. */
  readonly tokenLimit?: RateLimitOptions;
  /** Requeue submissions left submitted/running by a previous process (default true). */
  readonly resume?: boolean;
  /** Worker threads that parse uploads and score submissions (default: the CPU count, at most 4; 0: none). */
  readonly workers?: number;
}

/** Every path this module serves, so its middleware never touches other stages' routes. */
const PATHS = ['/login', '/register', '/logout', '/account', '/account/*', '/api/me', '/api/tokens', '/api/tokens/*', '/api/challenges', '/api/challenges/*', '/challenges', '/challenges/*'];

/**
 * Challenges, accounts and their pages as one sub-app: registers the scoring job on the queue, requeues unfinished
 * submissions, and mounts authentication, CSRF protection and the routes. Errors become JSON under /api and pages
 * elsewhere, with the status the service chose; nothing internal leaks into a message.
 */
export function challengeRoutes(deps: { readonly ws: Workspace; readonly jobs: JobQueue; readonly challengeOptions?: ChallengeServerOptions }): Hono<AuthEnv> {
  const opts = deps.challengeOptions ?? {};
  const workers = opts.workers ?? Math.min(4, availableParallelism());
  const env = challengeEnv(deps.ws, { jobs: deps.jobs, workers, ...(opts.now ? { now: opts.now } : {}) });
  registerScoring(env);
  if (opts.resume !== false) {
    resumeScoring(env).catch((err: unknown) => console.error('heldout: could not requeue unfinished submissions:', err));
  }
  const app = new Hono<AuthEnv>();
  app.onError((err, c) => errorResponse(err, c as Context<AuthEnv>));
  const auth = authenticate(env, createRateLimiter({ limit: 20, ...opts.tokenLimit }));
  const guard = csrfGuard();
  for (const p of PATHS) {
    app.use(p, auth, guard, async (c, next) => {
      await next();
      c.header('x-frame-options', 'DENY');
      c.header('x-content-type-options', 'nosniff');
      c.header('referrer-policy', 'same-origin');
    });
  }
  app.route('/', authRoutes(env, createRateLimiter(opts.loginLimit)));
  app.route('/', challengeApiRoutes(env));
  app.route('/', challengePageRoutes(env));
  return app;
}

function errorResponse(err: Error, c: Context<AuthEnv>): Response | Promise<Response> {
  let status = 500;
  let message = 'internal error';
  if (err instanceof ChallengeError) [status, message] = [err.status, err.message];
  else if (err instanceof UserError) [status, message] = [err.exitCode === 2 ? 400 : 404, err.message];
  else if (err instanceof HTTPException) return err.getResponse();
  else console.error(err);
  const api = c.req.path.startsWith('/api/') || (c.req.header('accept') ?? '').includes('application/json');
  if (api) return c.json({ error: message }, status as 400);
  let who = {};
  try {
    who = pageUser(c);
  } catch {
    // The error came from authentication itself: render the page signed out.
  }
  return c.html(errorPage(who, status, message), status as 400);
}
