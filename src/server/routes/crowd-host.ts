import { Hono } from 'hono';
import { z } from 'zod';
import type { Workspace } from '../../store/workspace.js';
import { UserError } from '../../errors.js';
import { classSummaries } from '../../verify/class-summary.js';
import { jsonArrayStream } from '../json-array-stream.js';
import { classPosterior } from '../../verify/class-posterior.js';
import { findProjectOrThrow, type LoadedProject } from '../../verify/find-project.js';
import { frequencyOrder, frequencyRowsOfVotes, frequencyTable, sortedRows, type FrequencyRow } from '../../verify/frequency-rows.js';
import { loadProjectVotes } from '../../verify/project-votes.js';
import { workerReport } from '../../verify/worker-report.js';
import { crowdClassPage, crowdIndexPage, crowdProjectPage, crowdWorkersPage } from '../views/crowd-host.js';

const classQuery = z.object({ class: z.string().regex(/^n\d{8}$/).optional() });

/**
 * Host pages and JSON over labeling projects: progress, frequencies, workers. Like every page of this server they are
 * public, so rows of images from splits with hidden labels (controls taken from a hidden test set) are left out: a
 * positive control's frequency would reveal its class. The CLI, which only the host runs, shows everything.
 */
export function crowdHostRoutes(ws: Workspace, now: () => Date = () => new Date()): Hono {
  const app = new Hono();
  const { store } = ws;

  const overview = async () => {
    const datasets = await store.listDatasets();
    return Promise.all((await store.listCrowdProjects()).map(async (project) => {
      const d = datasets.find((x) => x.id === project.dataset_id);
      const slots = await store.crowdTaskSlots(project.id, now());
      return {
        project, dataset: d?.name ?? '?', pool: d?.splits.find((s) => s.id === project.pool_split_id)?.name ?? '?',
        classes: (await store.crowdProjectClasses(project.id)).length, tasks: slots.length, valid: slots.reduce((s, t) => s + t.valid, 0),
      };
    }));
  };
  const progress = async (loaded: LoadedProject) => {
    const freq = await frequencyTable(store, loaded);
    const classes = (await store.crowdProjectClasses(loaded.project.id)).map((c) => c.wnid);
    return classSummaries(freq, await store.crowdTaskSlots(loaded.project.id, now()), classes, loaded.settings.assignmentsPerTask, loaded.settings.seed);
  };

  app.get('/crowd', async (c) => c.html(crowdIndexPage(await overview())));
  app.get('/api/crowd/projects', async (c) => c.json((await overview()).map((p) => ({
    name: p.project.name, dataset: p.dataset, pool: p.pool, classes: p.classes, tasks: p.tasks, validAssignments: p.valid,
  }))));

  app.get('/crowd/projects/:project', async (c) => {
    const loaded = await findProjectOrThrow(store, c.req.param('project'), 1);
    const d = (await store.listDatasets()).find((x) => x.id === loaded.project.dataset_id);
    const pool = `${d?.name}/${d?.splits.find((s) => s.id === loaded.project.pool_split_id)?.name}`;
    return c.html(crowdProjectPage(loaded.project, pool, loaded.settings.assignmentsPerTask, await store.datasetClasses(loaded.project.dataset_id), await progress(loaded)));
  });
  app.get('/api/crowd/projects/:project/progress', async (c) => c.json(await progress(await findProjectOrThrow(store, c.req.param('project'), 1))));

  app.get('/crowd/projects/:project/classes/:wnid', async (c) => {
    const loaded = await findProjectOrThrow(store, c.req.param('project'), 1);
    const wnid = c.req.param('wnid');
    if (!(await store.crowdProjectClasses(loaded.project.id)).some((x) => x.wnid === wnid)) throw new UserError(`class ${wnid} is not in project ${loaded.project.name}`, 1);
    const votes = await loadProjectVotes(store, loaded.project.id, wnid);
    const rows = frequencyRowsOfVotes(votes);
    const ds = classPosterior(votes, wnid);
    const withPosterior = rows.map((r, i) => ({ ...r, posterior: ds.posterior[i]! }));
    const visible = sortedRows(withPosterior.filter((r) => !r.hidden), [wnid]) as Array<FrequencyRow & { posterior: number }>;
    const cls = (await store.datasetClasses(loaded.project.dataset_id)).find((x) => x.wnid === wnid);
    return c.html(crowdClassPage(loaded.project, cls, wnid, visible, rows.length - visible.length));
  });

  app.get('/api/crowd/projects/:project/frequencies', async (c) => {
    const loaded = await findProjectOrThrow(store, c.req.param('project'), 1);
    const q = classQuery.safeParse(c.req.query());
    if (!q.success) throw new UserError('bad query: class must be a wnid (n + 8 digits)');
    const table = await frequencyTable(store, loaded, q.data.class ? { wnid: q.data.class } : {});
    const classes = (await store.crowdProjectClasses(loaded.project.id)).map((x) => x.wnid);
    const order = frequencyOrder(table, classes, (i) => table.columns.hidden[i] === 0);
    return c.body(jsonArrayStream(order.length, (k) => { const { hidden: _hidden, ...r } = table.row(order[k]!); return r; }), 200, {
      'content-type': 'application/json',
    });
  });

  app.get('/crowd/projects/:project/workers', async (c) => {
    const loaded = await findProjectOrThrow(store, c.req.param('project'), 1);
    return c.html(crowdWorkersPage(loaded.project, await workerReport(store, loaded)));
  });
  app.get('/api/crowd/projects/:project/workers', async (c) => c.json(await workerReport(store, await findProjectOrThrow(store, c.req.param('project'), 1))));
  return app;
}
