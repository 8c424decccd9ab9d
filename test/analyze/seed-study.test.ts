import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studyReport } from '../../src/analyze/study-report-service.js';
import { DEMO_STUDY, seedStudy } from '../../src/demo/seed-study.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';
import { importFmSlice, importSyntheticModel } from './study-fixtures.js';

let t: TempWorkspace;
beforeAll(async () => {
  t = await tempWorkspace();
}, 60_000);
afterAll(() => t.cleanup());

describe('seedStudy (demo)', () => {
  it('creates nothing until a new Fashion-MNIST test set exists, then completes idempotently as more appear', async () => {
    expect(await seedStudy(t.ws)).toEqual([]);
    await importFmSlice(t.ws, t.scratch, 'fashion-mnist', 0, 200);
    expect(await seedStudy(t.ws)).toEqual([]);
    expect(await t.ws.store.findStudy(DEMO_STUDY)).toBeUndefined();

    await importFmSlice(t.ws, t.scratch, 'fashion-mnist-v2-top-images', 200, 200);
    expect(await seedStudy(t.ws)).toEqual(['fashion-mnist-v2-top-images:test']);
    const first = (await t.ws.store.findStudy(DEMO_STUDY))!;
    expect(await seedStudy(t.ws)).toEqual(['fashion-mnist-v2-top-images:test']);
    expect((await t.ws.store.findStudy(DEMO_STUDY))!.id).toBe(first.id);

    await importFmSlice(t.ws, t.scratch, 'fashion-mnist-v2-matched-frequency', 400, 200);
    expect(await seedStudy(t.ws)).toEqual(['fashion-mnist-v2-matched-frequency:test', 'fashion-mnist-v2-top-images:test']);
    expect((await t.ws.store.listStudies()).map((s) => s.name)).toEqual([DEMO_STUDY]);

    for (const [i, p] of [0.6, 0.7, 0.8].entries()) {
      await importSyntheticModel(t.ws, t.scratch, `z${i}`, 'fashion-mnist', p, 1 + i);
      await importSyntheticModel(t.ws, t.scratch, `z${i}`, 'fashion-mnist-v2-matched-frequency', p - 0.1, 11 + i);
    }
    const r = await studyReport(t.ws, DEMO_STUDY, { resamples: 100 });
    expect(r.new.name).toBe('fashion-mnist-v2-matched-frequency:test');
    expect(r.models).toHaveLength(3);
  });
});
