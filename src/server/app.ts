import { Hono } from 'hono';
import type { Workspace } from '../store/workspace.js';
import type { JobQueue } from '../jobs/queue.js';
import { UserError } from '../errors.js';
import { datasetRoutes } from './routes/datasets.js';
import { blobRoutes } from './routes/blobs.js';
import { homePage } from './views/home.js';
import { datasetPreviews } from './dataset-previews.js';
import { jobsPage } from './views/jobs.js';
import { crowdWorkerRoutes } from './routes/crowd-worker.js';
import { crowdHostRoutes } from './routes/crowd-host.js';
import { challengeRoutes, type ChallengeServerOptions } from './routes/challenges.js';
import { testbedRoutes } from './routes/testbed.js';
import { collectRoutes, type CollectServerOptions } from './routes/collect.js';
import { sampleRoutes } from './routes/sample.js';
import { studyRoutes } from './routes/studies.js';

const FAVICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#1f3a5f"/><text x="8" y="12" font-size="11" text-anchor="middle" fill="#fff" font-family="sans-serif">H</text></svg>';

export interface AppDeps {
  readonly ws: Workspace;
  readonly jobs: JobQueue;
  /** Challenge server settings (clock, rate limits); defaults suit production. */
  readonly challengeOptions?: ChallengeServerOptions;
  /** Who may decide near-duplicate pairs (`openReview` for the demo server); default: hosts and admins only. */
  readonly collectOptions?: CollectServerOptions;
}

/**
 * The HTTP app over a workspace. Deals only in Web Request/Response (tests call `app.request()` without sockets);
 * `node.ts` puts it on a port.
 */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.onError((err, c) => {
    if (err instanceof UserError) return c.json({ error: err.message }, err.exitCode === 2 ? 400 : 404);
    console.error(err);
    return c.json({ error: 'internal error' }, 500);
  });
  app.notFound((c) => c.json({ error: `not found: ${c.req.path}` }, 404));

  app.get('/healthz', (c) => c.json({ ok: true }));
  // Browsers ask for this on every origin; answering keeps page loads free of failed requests.
  app.get('/favicon.ico', (c) => c.body(FAVICON, 200, { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=86400' }));
  app.get('/', async (c) => {
    const datasets = await deps.ws.store.listDatasets();
    return c.html(homePage(datasets, await deps.jobs.list(), await datasetPreviews(deps.ws.store, datasets)));
  });
  app.get('/jobs', async (c) => c.html(jobsPage(await deps.jobs.list())));
  app.get('/api/jobs', async (c) => c.json(await deps.jobs.list()));
  app.route('/', datasetRoutes(deps.ws));
  app.route('/', blobRoutes(deps.ws));
  app.route('/', crowdWorkerRoutes({ ws: deps.ws }));
  app.route('/', crowdHostRoutes(deps.ws));
  app.route('/', challengeRoutes(deps));
  app.route('/', testbedRoutes(deps.ws));
  app.route('/', collectRoutes(deps.ws, deps.collectOptions));
  app.route('/', sampleRoutes(deps.ws));
  app.route('/', studyRoutes(deps.ws));
  return app;
}
