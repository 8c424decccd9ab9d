import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { Workspace } from '../../store/workspace.js';
import type { CrowdWorkerRow } from '../../store/store.js';
import { findProjectOrThrow } from '../../verify/find-project.js';
import { nextTask, returnWork, submitWork } from '../../verify/work-session.js';
import { answerPractice, nextPractice } from '../../verify/qualification.js';
import { WorkError, type WorkErrorCode } from '../../verify/work-error.js';
import { arriveExternalWorker, newVisitorWorker, workerOfToken } from '../../verify/workers.js';
import { UserError } from '../../errors.js';
import { crowdSignInPage, crowdWorkPage } from '../views/crowd-work.js';
import { CROWD_WORK_SCRIPT } from '../views/crowd-work-script.js';

/** HTTP status of each refusal; the body is always `{ error, code }`. */
const STATUS: { readonly [C in WorkErrorCode]: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 } = {
  'no-identity': 401, blocked: 403, 'not-yours': 403, 'not-found': 404, 'already-submitted': 409, expired: 410,
  'too-large': 413, 'not-json': 415, 'unknown-images': 422, 'bad-request': 400,
};

export const WORKER_COOKIE = 'heldout_worker';
/** Largest accepted POST body: 200 ids of 16 characters fit in ~4 KB, so 16 KiB is generous and still bounded. */
export const MAX_BODY_BYTES = 16 * 1024;
const MAX_ID = 128;

const nextBody = z.strictObject({ study: z.string().max(MAX_ID).nullish(), session: z.string().max(MAX_ID).nullish() });
const practiceBody = z.strictObject({});
const practiceAnswerBody = z.strictObject({
  attempt: z.number().int().min(1),
  grid: z.number().int().min(0).max(100),
  selected: z.array(z.string().min(1).max(64)).max(200),
});
const submitBody = z.strictObject({
  selected: z.array(z.string().min(1).max(64)).max(200),
  durationMs: z.number().int().min(0).max(86_400_000).nullish(),
});

export interface CrowdWorkerDeps {
  readonly ws: Workspace;
  /** The clock (tests pin it to check lease expiry). */
  readonly now?: () => Date;
}

/**
 * What workers use: the grid page, its script, the task/submit JSON API and task images under opaque ids.
 * Workers are known by a bearer token (header, or the cookie the page sets), never by anything they can choose.
 */
export function crowdWorkerRoutes({ ws, now = () => new Date() }: CrowdWorkerDeps): Hono<{ Variables: { worker: CrowdWorkerRow } }> {
  const app = new Hono<{ Variables: { worker: CrowdWorkerRow } }>();
  const { store } = ws;
  const fail = (c: Context, code: WorkErrorCode, error: string) => c.json({ error, code }, STATUS[code]);

  app.onError((err, c) => {
    if (err instanceof WorkError) return fail(c, err.code, err.message);
    if (err instanceof UserError) return c.json({ error: err.message }, err.exitCode === 2 ? 400 : 404);
    console.error(err);
    return c.json({ error: 'internal error' }, 500);
  });

  app.get('/crowd/assets/work.js', (c) => c.body(CROWD_WORK_SCRIPT, 200, {
    'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=300',
  }));

  app.get('/crowd/i/:publicId', async (c) => {
    const id = c.req.param('publicId');
    if (!/^[A-Za-z0-9_-]{16}$/.test(id)) return fail(c, 'not-found', 'no such image');
    // Task images, then practice images (qualification): both under opaque ids.
    const img = (await store.findCrowdTaskImage(id)) ?? (await store.findCrowdPracticeImage(id));
    const meta = img?.image_sha256 ? await store.findImage(img.image_sha256) : undefined;
    if (!img?.image_sha256 || !meta) return fail(c, 'not-found', 'no such image');
    const bytes = await ws.blobs.get(img.image_sha256);
    // No ETag or other header derived from the content: the URL and headers say nothing about the image.
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': `image/${meta.format === 'jpeg' ? 'jpeg' : meta.format}`,
      'cache-control': 'private, max-age=3600', 'x-content-type-options': 'nosniff',
    });
  });

  app.get('/crowd/projects/:project/work', async (c) => {
    const loaded = await findProjectOrThrow(store, c.req.param('project'), 1);
    const { panel } = loaded.settings;
    const pid = c.req.query(panel.workerParam);
    const secure = new URL(c.req.url).protocol === 'https:';
    const remember = (token: string) => setCookie(c, WORKER_COOKIE, token, { httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 30 * 86_400, secure });
    let worker: CrowdWorkerRow | undefined;
    let study: string | null = null;
    let session: string | null = null;
    if (pid !== undefined) {
      const issued = await arriveExternalWorker(store, 'panel', panel.name, pid, now());
      remember(issued.token);
      worker = issued.worker;
      study = c.req.query(panel.studyParam)?.slice(0, MAX_ID) ?? null;
      session = c.req.query(panel.sessionParam)?.slice(0, MAX_ID) ?? null;
    } else if (c.req.query('token') !== undefined) {
      const token = c.req.query('token')!;
      if (!(await workerOfToken(store, token))) return c.html(crowdSignInPage(loaded.project.name, 'This worker link is not valid (the token is unknown).'), 401);
      remember(token);
      // Drop the token from the address bar (and from history, referrers and screenshots).
      return c.redirect(`/crowd/projects/${encodeURIComponent(loaded.project.name)}/work`, 303);
    } else {
      const cookie = getCookie(c, WORKER_COOKIE);
      worker = cookie ? await workerOfToken(store, cookie) : undefined;
      if (!worker && loaded.settings.allowVisitors) {
        const issued = await newVisitorWorker(store, now());
        remember(issued.token);
        worker = issued.worker;
      }
    }
    if (!worker) return c.html(crowdSignInPage(loaded.project.name, 'Open this page with your worker link (…/work?token=…) or from your study panel.'), 401);
    return c.html(crowdWorkPage({ project: loaded.project.name, worker: worker.name, study, session }));
  });

  // The JSON API: JSON bodies only (a cross-site form cannot send one), bounded size, a known worker.
  app.use('/api/crowd/*', async (c, next) => {
    if (c.req.method !== 'POST') return next();
    if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) return fail(c, 'not-json', 'send a JSON body (content-type: application/json)');
    const token = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1] ?? getCookie(c, WORKER_COOKIE);
    const worker = token ? await workerOfToken(store, token) : undefined;
    if (!worker) return fail(c, 'no-identity', 'unknown worker: open the work page from your link first');
    c.set('worker', worker);
    return next();
  });
  app.use('/api/crowd/*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => fail(c, 'too-large', `request body over ${MAX_BODY_BYTES} bytes`) }));

  app.post('/api/crowd/projects/:project/next', async (c) => {
    const body = parse(nextBody, await readJson(c));
    const loaded = await findProjectOrThrow(store, c.req.param('project'), 1);
    return c.json(await nextTask(store, loaded, c.get('worker'), { now: now(), panel: { study: body.study ?? null, session: body.session ?? null } }));
  });

  app.post('/api/crowd/projects/:project/practice', async (c) => {
    parse(practiceBody, await readJson(c));
    const loaded = await findProjectOrThrow(store, c.req.param('project'), 1);
    return c.json(await nextPractice(store, loaded, c.get('worker'), now()));
  });

  app.post('/api/crowd/projects/:project/practice/answer', async (c) => {
    const body = parse(practiceAnswerBody, await readJson(c));
    const loaded = await findProjectOrThrow(store, c.req.param('project'), 1);
    return c.json(await answerPractice(store, loaded, c.get('worker'), body, now()));
  });

  app.post('/api/crowd/assignments/:id/submit', async (c) => {
    const id = assignmentId(c.req.param('id'));
    const body = parse(submitBody, await readJson(c));
    return c.json(await submitWork(store, c.get('worker'), id, { selected: body.selected, durationMs: body.durationMs ?? null }, now()));
  });

  app.post('/api/crowd/assignments/:id/return', async (c) => {
    await returnWork(store, c.get('worker'), assignmentId(c.req.param('id')));
    return c.json({ returned: true });
  });
  return app;
}

async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new WorkError('bad-request', 'the body is not valid JSON');
  }
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new WorkError('bad-request', `bad body: ${i?.path.join('.') || '(root)'}: ${i?.message}`);
  }
  return r.data;
}

function assignmentId(raw: string): number {
  if (!/^[1-9]\d{0,14}$/.test(raw)) throw new WorkError('not-found', 'no such assignment');
  return Number(raw);
}
