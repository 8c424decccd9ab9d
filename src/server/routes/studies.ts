import { Hono } from 'hono';
import { z } from 'zod';
import { studyListJson } from '../../analyze/study-list.js';
import { studyReport } from '../../analyze/study-report-service.js';
import { UserError } from '../../errors.js';
import type { Workspace } from '../../store/workspace.js';
import { studiesPage, studyPage } from '../views/studies.js';

/** Query of a report page or API call; the defaults are the CLI's, with fewer resamples at most (pages render live). */
const reportQuery = z.object({
  new: z.string().min(1).optional(),
  transform: z.enum(['linear', 'probit', 'logit']).default('probit'),
  bootstrap: z.coerce.number().int().min(1).max(100_000).default(10_000),
  seed: z.coerce.number().int().min(1).max(4294967295).default(1),
  confidence: z.coerce.number().gt(0).lt(1).default(0.95),
  interval: z.enum(['clopper-pearson', 'wilson']).default('clopper-pearson'),
  clip: z.coerce.number().gt(0).lt(0.5).optional(),
});

function parseQuery(q: Record<string, string>) {
  const p = reportQuery.safeParse(q);
  if (!p.success) throw new UserError(`bad query: ${p.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const { new: newSet, bootstrap, clip, ...rest } = p.data;
  return { ...rest, resamples: bootstrap, ...(newSet ? { newSet } : {}), ...(clip !== undefined ? { clip } : {}) };
}

/**
 * Replication studies: `/studies` (list), `/studies/{name}` (the report page), `/api/studies` and
 * `/api/studies/{name}/report` (the JSON of `heldout study report --format json`). Only aggregate numbers and
 * agreement between models are served, never per-image predictions or labels.
 */
export function studyRoutes(ws: Workspace): Hono {
  const app = new Hono();
  app.get('/studies', async (c) => c.html(studiesPage(studyListJson(await ws.store.listStudies()))));
  app.get('/studies/:name', async (c) => {
    const r = await studyReport(ws, c.req.param('name'), parseQuery(c.req.query()));
    return c.html(studyPage(r, new URL(c.req.url).search));
  });
  app.get('/api/studies', async (c) => c.json(studyListJson(await ws.store.listStudies())));
  app.get('/api/studies/:name/report', async (c) => c.json(await studyReport(ws, c.req.param('name'), parseQuery(c.req.query()))));
  return app;
}
