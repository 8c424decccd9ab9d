import { Hono } from 'hono';
import { revisionReport } from '../../sample/revision-report.js';
import type { Workspace } from '../../store/workspace.js';
import { sampleListPage, sampleRevisionPage } from '../views/sample-pages.js';

/**
 * Pages and JSON over sampled revisions. Reports are aggregates (bin counts, means, per-class counts): no image is
 * shown with its class, so the revision's hidden labels stay hidden.
 */
export function sampleRoutes(ws: Workspace): Hono {
  const app = new Hono();
  const { store } = ws;
  app.get('/sample', async (c) => c.html(sampleListPage(await store.listSampleRevisions())));
  app.get('/sample/:name', async (c) => c.html(sampleRevisionPage(await revisionReport(store, c.req.param('name'), { exitCode: 1 }))));
  app.get('/api/sample/revisions', async (c) => c.json((await store.listSampleRevisions()).map((r) => ({
    name: r.name, pool: r.project_name, strategy: r.strategy, seed: r.seed, parent: r.parent_name, images: r.images,
    dataset: r.dataset_id !== null ? r.name : null, createdAt: r.created_at,
  }))));
  app.get('/api/sample/revisions/:name', async (c) => c.json(await revisionReport(store, c.req.param('name'), { exitCode: 1 })));
  return app;
}
