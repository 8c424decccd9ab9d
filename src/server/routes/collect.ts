import { Hono, type Context } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { Workspace } from '../../store/workspace.js';
import { UserError } from '../../errors.js';
import { challengeEnv } from '../../challenges/challenge-env.js';
import { ChallengeError } from '../../challenges/challenge-error.js';
import { authenticate, type AuthEnv } from '../middleware/authenticate.js';
import { csrfGuard } from '../middleware/csrf-guard.js';
import { createRateLimiter } from '../middleware/rate-limiter.js';
import { findPoolOrThrow } from '../../collect/find-pool.js';
import { decidePair, reviewQueue, type ReviewPair } from '../../collect/review-queue.js';
import { collectPoolPage, collectPoolsPage } from '../views/collect-pools.js';
import { collectReviewPage, type ReviewAccess } from '../views/collect-review.js';

const decisionBody = z.strictObject({ decision: z.enum(['same', 'different']), reviewer: z.string().min(1).max(100).optional() });
const pairsQuery = z.object({
  status: z.enum(['pending', 'decided', 'all']).default('pending'),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
const COPY_MIME: Readonly<Record<string, string>> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif', tiff: 'image/tiff', avif: 'image/avif' };

/** Who may decide near-duplicate pairs. */
export interface CollectServerOptions {
  /**
   * Anyone may decide (what `heldout serve --demo` runs with, so the demo's review page works without an account).
   * Default false: deciding needs a signed-in host or admin (page session, or an API token as a bearer header).
   */
  readonly openReview?: boolean;
  readonly now?: () => Date;
}

/** Roles that may decide pairs (the challenge accounts' roles: src/challenges/accounts.ts). */
const DECIDERS: ReadonlySet<string> = new Set(['host', 'admin']);

/**
 * Pages and JSON over candidate pools and the near-duplicate review queue. Reading is public, so a pair whose
 * reference image lies in a split with hidden labels is shown without the candidate's class (it would hint at the
 * hidden label). Decisions are posted as JSON or as the page's form: from this origin only (a bearer token excepted),
 * with the session's CSRF token when signed in, and by a host or admin unless the review is open (`--demo`).
 */
export function collectRoutes(ws: Workspace, options: CollectServerOptions = {}): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const { store } = ws;
  const open = options.openReview ?? false;
  app.onError((err, c) => {
    if (err instanceof ChallengeError) return c.json({ error: err.message }, err.status);
    if (err instanceof UserError) return c.json({ error: err.message }, err.exitCode === 2 ? 400 : 404);
    console.error(err);
    return c.json({ error: 'internal error' }, 500);
  });
  const env = challengeEnv(ws, options.now ? { now: options.now } : {});
  const auth = authenticate(env, createRateLimiter({ limit: 20 }));
  app.use('/collect/*', auth);
  app.use('/api/collect/*', auth);
  /** What the current caller may do on the review page. */
  const access = (c: Context<AuthEnv>): ReviewAccess => {
    const a = c.get('auth');
    const user = a.kind === 'anonymous' ? undefined : a.user;
    return {
      canDecide: open || (user !== undefined && DECIDERS.has(user.role)), open,
      ...(user ? { user: { name: user.name, role: user.role } } : {}),
      ...(a.kind === 'session' ? { csrfToken: a.csrfToken } : {}),
    };
  };
  /** The reviewer recorded with a decision: the signed-in account, else the name given (open review only). */
  const reviewerOf = (c: Context<AuthEnv>, given: string | undefined): string | null => {
    const a = c.get('auth');
    return a.kind === 'anonymous' ? given ?? null : a.user.name;
  };
  const parse = <T extends z.ZodType>(schema: T, value: unknown): z.infer<T> => {
    const r = schema.safeParse(value);
    if (!r.success) throw new UserError(`bad request: ${r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`);
    return r.data;
  };
  const publicPair = (p: ReviewPair): ReviewPair => (p.referenceItem?.labels_hidden ? { ...p, candidateWnid: null } : p);
  /** A missing pool is a 404 here (the CLI reports the same message as bad input). */
  const loadPool = async (name: string) => {
    try {
      return await findPoolOrThrow(store, name);
    } catch (err) {
      throw err instanceof UserError ? new UserError(err.message, 1) : err;
    }
  };

  // Decisions change state: browsers may post them only from this origin (hono/csrf checks Origin / Sec-Fetch-Site);
  // a page session must also echo its CSRF token (csrfGuard); then the caller must be allowed to decide.
  const sameOrigin = csrf();
  const sessionGuard = csrfGuard();
  const decisionGuard = async (c: Context<AuthEnv>, next: () => Promise<void>) => {
    if (c.req.method !== 'POST') return next();
    if (c.get('auth').kind !== 'token') {
      try {
        await sameOrigin(c, async () => {});
      } catch (err) {
        if (err instanceof HTTPException) return c.json({ error: 'cross-site request refused (CSRF)' }, 403);
        throw err;
      }
    }
    await sessionGuard(c, async () => {});
    const who = access(c);
    if (!who.canDecide) {
      if (!who.user) throw new ChallengeError('deciding pairs needs a host account: sign in (page) or send a host\'s API token (Authorization: Bearer …)', 401);
      throw new ChallengeError(`user ${who.user.name} is a ${who.user.role}; only hosts and admins decide near-duplicate pairs`, 403);
    }
    await next();
  };
  app.use('/collect/pools/:pool/pairs/*', decisionGuard);
  app.use('/api/collect/pools/:pool/pairs/*', decisionGuard);

  app.get('/collect', async (c) => c.html(collectPoolsPage(await store.listPools())));
  app.get('/api/collect/pools', async (c) => c.json((await store.listPools()).map((p) => ({
    name: p.name, description: p.description, accepted: p.accepted, rejected: p.rejected, pairs: p.pairs, reviewed: p.reviewed,
  }))));

  app.get('/collect/pools/:pool', async (c) => {
    const pool = await loadPool(c.req.param('pool'));
    const summary = (await store.listPools()).find((p) => p.id === pool.id);
    return c.html(collectPoolPage(pool, summary, await store.rejectionCounts(pool.id), await store.listCandidates(pool.id, { status: 'accepted', limit: 48 })));
  });

  app.get('/collect/pools/:pool/review', async (c) => {
    await loadPool(c.req.param('pool'));
    const q = await reviewQueue(store, c.req.param('pool'), { limit: 9 });
    return c.html(collectReviewPage(q, q.pairs.map(publicPair), access(c)));
  });

  app.get('/api/collect/pools/:pool/pairs', async (c) => {
    await loadPool(c.req.param('pool'));
    const query = parse(pairsQuery, c.req.query());
    const q = await reviewQueue(store, c.req.param('pool'), query);
    return c.json({ pool: q.pool.name, thresholds: q.thresholds, toReview: q.toReview, decided: q.decided, pairs: q.pairs.map(publicPair) });
  });

  app.post('/api/collect/pools/:pool/pairs/:id/decision', async (c) => {
    const body = parse(decisionBody, await c.req.json().catch(() => undefined));
    const pair = await decidePair(store, c.req.param('pool'), pairId(c.req.param('id')), body.decision, reviewerOf(c, body.reviewer));
    return c.json(publicPair(pair));
  });

  // The review page's form (keys s/d click its buttons): decide, then show the next pair.
  app.post('/collect/pools/:pool/pairs/:id/decision', async (c) => {
    const form = await c.req.parseBody();
    const body = parse(decisionBody, { decision: form.decision, ...(typeof form.reviewer === 'string' && form.reviewer ? { reviewer: form.reviewer } : {}) });
    await decidePair(store, c.req.param('pool'), pairId(c.req.param('id')), body.decision, reviewerOf(c, body.reviewer));
    return c.redirect(`/collect/pools/${encodeURIComponent(c.req.param('pool'))}/review`, 303);
  });

  app.get('/collect/candidates/:id/:copy', async (c) => {
    const copy = c.req.param('copy');
    if (copy !== 'thumb' && copy !== 'scaled' && copy !== 'original') throw new UserError('copy must be thumb, scaled or original');
    const cand = await store.findCandidate(c.req.param('id'));
    const sha = cand?.[`${copy === 'thumb' ? 'thumb' : copy === 'scaled' ? 'scaled' : 'original'}_sha256`];
    if (!cand || !sha) return c.json({ error: `no stored ${copy} copy of candidate ${c.req.param('id')}` }, 404);
    const mime = copy === 'original' ? (COPY_MIME[cand.format ?? ''] ?? 'application/octet-stream') : 'image/jpeg';
    return c.body(new Uint8Array(await ws.blobs.get(sha)), 200, { 'content-type': mime, 'cache-control': 'public, max-age=31536000, immutable' });
  });

  return app;
}

function pairId(raw: string): number {
  if (!/^\d{1,15}$/.test(raw)) throw new UserError(`"${raw}" is not a pair id`);
  return Number(raw);
}
