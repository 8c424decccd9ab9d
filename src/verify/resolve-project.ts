import { UserError } from '../errors.js';
import type { Store } from '../store/store.js';
import { findProjectOrThrow, type LoadedProject } from './find-project.js';

/** The named project, or the only one when no name is given (so `heldout crowd frequencies` works in a simple workspace). */
export async function resolveProject(store: Store, name: string | undefined): Promise<LoadedProject> {
  if (name !== undefined) return findProjectOrThrow(store, name);
  const all = await store.listCrowdProjects();
  if (all.length === 1) return findProjectOrThrow(store, all[0]!.name);
  throw new UserError(all.length === 0
    ? 'no labeling project yet (heldout crowd project create NAME --dataset D --split S)'
    : `several labeling projects: pick one with --project (${all.map((p) => p.name).join(', ')})`);
}

/** The project whose candidate pool is `dataset:split`, if any. */
export async function projectOfPool(store: Store, dataset: string, split: string): Promise<LoadedProject | undefined> {
  const d = await store.findDataset(dataset);
  const s = d ? await store.findSplit(d.id, split) : undefined;
  const p = s ? (await store.listCrowdProjects()).find((x) => x.pool_split_id === s.id) : undefined;
  return p ? findProjectOrThrow(store, p.name) : undefined;
}
