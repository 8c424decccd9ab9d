import { Hono } from 'hono';
import { UserError } from '../../errors.js';
import { modelJson } from '../../evaluate/render-testbed.js';
import type { Workspace } from '../../store/workspace.js';
import { testbedModelPage } from '../views/testbed-model.js';
import { testbedModelsPage } from '../views/testbed-models.js';

/**
 * The testbed's pages and JSON: models with their accuracy (n and 95% Clopper–Pearson interval) per split. Only
 * aggregate counts are shown, never per-image predictions, so hidden labels stay hidden.
 */
export function testbedRoutes(ws: Workspace): Hono {
  const app = new Hono();
  const { store } = ws;
  const load = async (name: string) => {
    const m = await store.findModel(name);
    if (!m) throw new UserError(`no model named "${name}"`, 1);
    return m;
  };

  app.get('/testbed', async (c) => c.html(testbedModelsPage(await store.listModels(), await store.listEvaluations())));
  app.get('/testbed/models/:name', async (c) => {
    const m = await load(c.req.param('name'));
    return c.html(testbedModelPage(m, await store.listEvaluations({ modelId: m.id })));
  });
  app.get('/api/testbed/models', async (c) => {
    const evals = await store.listEvaluations();
    return c.json((await store.listModels()).map((m) => modelJson(m, evals.filter((e) => e.model_id === m.id))));
  });
  app.get('/api/testbed/models/:name', async (c) => {
    const m = await load(c.req.param('name'));
    return c.json(modelJson(m, await store.listEvaluations({ modelId: m.id })));
  });
  return app;
}
