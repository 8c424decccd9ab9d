import { ClassSet } from '../../src/classes/class-set.js';
import type { Workspace } from '../../src/store/workspace.js';
import { createProject } from '../../src/verify/create-project.js';
import { createTasks } from '../../src/verify/create-tasks.js';
import { findProjectOrThrow, type LoadedProject } from '../../src/verify/find-project.js';
import { addAccountWorker } from '../../src/verify/workers.js';
import { T0, WNIDS } from '../verify/crowd-fixture.js';

export interface CrowdLoadSetup {
  readonly project: LoadedProject;
  /** Bearer tokens of the worker accounts, with their worker ids. */
  readonly workers: ReadonlyArray<{ readonly id: number; readonly token: string }>;
}

/**
 * A crowd project `load` on its own dataset `crowd` (image rows only: the load never fetches pixels): `perClass`
 * candidates per class in grids of 6 candidates + 1 positive + 1 negative control, 3 assignments per task, and
 * `workers` worker accounts.
 */
export async function crowdLoadSetup(ws: Workspace, { perClass = 48, workers = 12 } = {}): Promise<CrowdLoadSetup> {
  const classes = ClassSet.fromWnids('crowd', [...WNIDS]).entries;
  const d = await ws.store.createDataset({ name: 'crowd', description: '', classSet: 'file', classes }, T0);
  for (const [split, n, hidden] of [['pool', perClass, false], ['test', 4, true]] as const) {
    const s = await ws.store.createSplit(d.id, { name: split, labelsHidden: hidden, sourceLayout: 'test', sourcePath: 'x' }, T0);
    const items = WNIDS.flatMap((wnid, c) => Array.from({ length: n }, (_, i) => ({ wnid, sha256: `${split === 'pool' ? 'c' : 'd'}${c}${i.toString(16).padStart(62, '0')}` })));
    await ws.store.putImages(items.map(({ sha256 }) => ({ sha256, width: 1, height: 1, format: 'png', bytes: 1, created_at: T0.toISOString() })));
    await ws.store.addItems(s.id, items.map(({ wnid, sha256 }, position) => ({
      position, name: `${position}`, image_sha256: sha256, wnid, source_path: null, source_url: null, license: null, date_taken: null, date_uploaded: null,
    })));
  }
  await createProject(ws.store, {
    name: 'load', dataset: 'crowd', split: 'pool', controlsFrom: { dataset: 'crowd', split: 'test' },
    settings: { composition: { candidates: 6, positives: 1, negatives: 1 }, assignmentsPerTask: 3 },
  }, T0);
  const project = await findProjectOrThrow(ws.store, 'load');
  await createTasks(ws.store, project, { now: T0 });
  const issued = [];
  for (let w = 0; w < workers; w++) {
    const { worker, token } = await addAccountWorker(ws.store, `load-${w}`, T0);
    issued.push({ id: worker.id, token });
  }
  return { project, workers: issued };
}
