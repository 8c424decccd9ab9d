import { it, expect } from 'vitest';
import { tempWorkspace } from '../../test/helpers/temp-workspace.js';
import { importDataset } from '../../src/datasets/import-dataset.js';
import { packageDataPath } from '../../src/paths.js';
import { seedCollect } from '../../src/demo/seed-collect.js';
it('time', async () => {
  const t = await tempWorkspace();
  for (const [split, hidden, im, lb] of [['test', true, 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'], ['pool', false, 'pool-images-idx3-ubyte.gz', 'pool-labels-idx1-ubyte.gz']] as const) {
    await importDataset(t.ws, { layout: 'idx', dataset: 'fashion-mnist', split, classes: 'fashion-mnist', hidden, images: packageDataPath('demo', 'fashion-mnist', im), labels: packageDataPath('demo', 'fashion-mnist', lb) });
  }
  const phases: Record<string, number> = {}; let last = performance.now(); let ph = '';
  const t0 = performance.now();
  const s = await seedCollect(t.ws, 'fashion-mnist', (p) => { const now = performance.now(); if (p.phase !== ph) { ph = p.phase; } phases[ph] = (phases[ph] ?? 0) + now - last; last = now; });
  console.log('TOTAL', (performance.now() - t0).toFixed(0), JSON.stringify(s), JSON.stringify(phases));
  const pool = (await t.ws.store.findPool('fashion-mnist-candidates'))!;
  const pairs = await t.ws.store.listPairs(pool.id);
  const hist: Record<string, number> = {}; for (const p of pairs) hist[p.distances.phash!] = (hist[p.distances.phash!] ?? 0) + 1; console.log('phash hist', JSON.stringify(hist));
  const t1 = performance.now(); const again = await seedCollect(t.ws, 'fashion-mnist'); console.log('AGAIN', (performance.now() - t1).toFixed(0), JSON.stringify(again));
  await t.cleanup();
}, 300000);
