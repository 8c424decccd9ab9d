import type { Workspace } from '../../src/store/workspace.js';
import { serviceTransport } from '../../src/verify/service-transport.js';
import { simulateCrowdWork } from '../../src/verify/simulate-crowd.js';
import type { LoadedProject } from '../../src/verify/find-project.js';
import { crowdFixture, T0, WNIDS } from '../verify/crowd-fixture.js';

export { T0, WNIDS };

/**
 * A crowd project `p` over dataset `fm` (3 classes: 12 pool candidates and 8 hidden test images each), in grids of
 * 6 candidates + 4 positive + 1 negative controls, fully worked by 4 simulated workers: every candidate and every
 * reference image (the 8 test images per class, shown as positive controls) has 4 annotations. Tests use
 * `minAnnotations: 4` and `minReference: 8`.
 */
export async function sampleFixture(ws: Workspace): Promise<LoadedProject> {
  const loaded = await crowdFixture(ws, { perClass: 12, controls: 8, settings: { composition: { candidates: 6, positives: 4, negatives: 1 }, assignmentsPerTask: 4, seed: 5 } });
  await simulateCrowdWork(ws.store, loaded, { workers: 4, seed: 11, spamRate: 0, fetch: serviceTransport(ws.store), now: T0 });
  return loaded;
}

/** Options every service test passes: the fixture's annotation counts and no collect pool. */
export const SMALL = { minAnnotations: 4, minReference: 8, skipNearDuplicateCheck: true } as const;
