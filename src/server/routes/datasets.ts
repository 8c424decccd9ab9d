import { Hono } from 'hono';
import { z } from 'zod';
import type { Workspace } from '../../store/workspace.js';
import type { ItemRow, SplitRow } from '../../store/store.js';
import { UserError } from '../../errors.js';
import { datasetPage, splitPage, type SplitView } from '../views/dataset.js';

const pageQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(96),
  class: z.string().regex(/^n\d{8}$/).optional(),
});

/** What anyone may see of an item: a hidden split's items carry no class. */
export function publicItem(item: ItemRow, split: SplitRow) {
  const base = { name: item.name, position: item.position, image: item.image_sha256, url: `/blobs/${item.image_sha256}` };
  return split.labels_hidden ? base : { ...base, wnid: item.wnid };
}

/** Dataset pages and their JSON API. Nothing here returns the labels of a hidden split. */
export function datasetRoutes(ws: Workspace): Hono {
  const app = new Hono();
  const { store } = ws;

  const load = async (name: string) => {
    const d = await store.findDataset(name);
    if (!d) throw new UserError(`no dataset named "${name}"`, 1);
    return d;
  };
  const loadSplit = async (datasetId: number, name: string) => {
    const s = await store.findSplit(datasetId, name);
    if (!s) throw new UserError(`no split named "${name}"`, 1);
    return s;
  };

  app.get('/api/datasets', async (c) => c.json(await store.listDatasets()));

  app.get('/api/datasets/:name', async (c) => {
    const d = await load(c.req.param('name'));
    const summary = (await store.listDatasets()).find((s) => s.id === d.id);
    const splits = await Promise.all((summary?.splits ?? []).map(async (s) => ({
      name: s.name, labelsHidden: s.labels_hidden === 1, items: s.itemCount,
      ...(s.labels_hidden ? {} : { classCounts: Object.fromEntries(await store.classCounts(s.id)) }),
    })));
    return c.json({ name: d.name, description: d.description, classSet: d.class_set, classes: await store.datasetClasses(d.id), splits });
  });

  app.get('/api/datasets/:name/splits/:split/items', async (c) => {
    const d = await load(c.req.param('name'));
    const split = await loadSplit(d.id, c.req.param('split'));
    const q = parseQuery(c.req.query());
    if (q.class && split.labels_hidden) throw new UserError('this split\'s labels are hidden: it cannot be filtered by class');
    const items = await store.listItems(split.id, { offset: q.offset, limit: q.limit, ...(q.class ? { wnid: q.class } : {}) });
    const total = await store.countItems(split.id, q.class);
    return c.json({ total, offset: q.offset, limit: q.limit, items: items.map((i) => publicItem(i, split)) });
  });

  app.get('/datasets/:name', async (c) => {
    const d = await load(c.req.param('name'));
    const classes = await store.datasetClasses(d.id);
    const views: SplitView[] = [];
    for (const split of await store.listSplits(d.id)) {
      const itemCount = await store.countItems(split.id);
      if (split.labels_hidden) {
        views.push({ split, itemCount, unlabeled: await store.listItems(split.id, { limit: 24 }) });
        continue;
      }
      const counts = await store.classCounts(split.id);
      const byClass = await Promise.all(classes.map(async (cls) => ({
        cls, count: counts.get(cls.wnid) ?? 0, items: await store.listItems(split.id, { wnid: cls.wnid, limit: 12 }),
      })));
      views.push({ split, itemCount, byClass });
    }
    return c.html(datasetPage(d, classes, views));
  });

  app.get('/datasets/:name/splits/:split', async (c) => {
    const d = await load(c.req.param('name'));
    const split = await loadSplit(d.id, c.req.param('split'));
    const q = parseQuery(c.req.query());
    const wnid = split.labels_hidden ? undefined : q.class;
    const items = await store.listItems(split.id, { offset: q.offset, limit: q.limit, ...(wnid ? { wnid } : {}) });
    const total = await store.countItems(split.id, wnid);
    return c.html(splitPage(d, split, items, await store.datasetClasses(d.id), { offset: q.offset, limit: q.limit, total, ...(wnid ? { wnid } : {}) }));
  });

  return app;
}

function parseQuery(query: Record<string, string>) {
  const r = pageQuery.safeParse(query);
  if (!r.success) throw new UserError(`bad query: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}
