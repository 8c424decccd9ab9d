import type { Workspace } from '../store/workspace.js';
import { ignoreProgress, type ProgressListener } from '../progress.js';
import { createProject } from '../verify/create-project.js';
import { createTasks } from '../verify/create-tasks.js';
import { findProjectOrThrow } from '../verify/find-project.js';
import { serviceTransport } from '../verify/service-transport.js';
import { simulateCrowdWork } from '../verify/simulate-crowd.js';

export const DEMO_CROWD_PROJECT = 'fashion-mnist-demo';

export interface CrowdDemoSummary {
  readonly project: string;
  readonly created: boolean;
  readonly tasks: number;
  readonly simulatedSubmits: number;
}

/**
 * The demo's labeling project: 50 candidates per class from fashion-mnist/pool, controls from the hidden test split
 * (the "original test set"), 7 simulated workers' votes already in, and 3 of each task's 10 slots left for visitors,
 * who get an anonymous worker id by cookie. Idempotent: does nothing when the project exists; needs the demo dataset.
 */
export async function seedCrowdDemo(ws: Workspace, onProgress: ProgressListener = ignoreProgress, dataset = 'fashion-mnist'): Promise<CrowdDemoSummary> {
  const { store } = ws;
  if (await store.findCrowdProject(DEMO_CROWD_PROJECT)) return { project: DEMO_CROWD_PROJECT, created: false, tasks: 0, simulatedSubmits: 0 };
  const now = new Date();
  await createProject(store, {
    name: DEMO_CROWD_PROJECT, dataset, split: 'pool', controlsFrom: { dataset, split: 'test' },
    settings: { allowVisitors: true, seed: 20261128, panel: { completionCode: 'HELDOUT-DEMO', tasksPerSession: 3 } },
  }, now);
  const loaded = await findProjectOrThrow(store, DEMO_CROWD_PROJECT);
  const classes = await createTasks(store, loaded, { now, limitPerClass: 50 });
  // Seven workers through the same services the HTTP routes call (src/demo may not import the server).
  const sim = await simulateCrowdWork(store, loaded, {
    workers: 7, seed: 20261128, spamRate: 0.15, fetch: serviceTransport(store), now,
    onProgress: (p) => onProgress({ ...p, phase: `crowd: ${p.phase}` }),
  });
  return { project: DEMO_CROWD_PROJECT, created: true, tasks: classes.reduce((s, c) => s + c.tasks, 0), simulatedSubmits: sim.submitted };
}
