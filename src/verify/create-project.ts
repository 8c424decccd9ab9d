import { UserError } from '../errors.js';
import { findSplitOrThrow } from '../datasets/find-split.js';
import type { CrowdProjectRow, Store } from '../store/store.js';
import { loadWordNet } from '../wordnet/load-wordnet.js';
import { mostSimilarClass } from './core/index.js';
import { parseProjectSettings, type ProjectSettings, type ProjectSettingsInput } from './project-settings.js';

export interface CreateProjectRequest {
  readonly name: string;
  readonly dataset: string;
  /** The candidate pool split. */
  readonly split: string;
  /** Classes to label (default: every class of the dataset with pool items). */
  readonly classes?: readonly string[];
  /** Split with verified labels that controls come from, e.g. the original test set (`dataset:split`). */
  readonly controlsFrom?: { readonly dataset: string; readonly split: string };
  readonly settings?: ProjectSettingsInput;
}

export interface CreatedProject {
  readonly project: CrowdProjectRow;
  readonly settings: ProjectSettings;
  readonly classes: ReadonlyArray<{ readonly wnid: string; readonly negativeWnid: string | null; readonly candidates: number; readonly positives: number; readonly negatives: number }>;
}

/**
 * Creates a labeling project over a pool split. Each class's negative controls come from its most similar other class
 * (WordNet path similarity among the project's classes, as ImageNetV2 ranked `wnid_to_most_similar_wnids`).
 */
export async function createProject(store: Store, req: CreateProjectRequest, now: Date): Promise<CreatedProject> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(req.name)) {
    throw new UserError(`project name "${req.name}" must be 1–64 letters, digits, '.', '_' or '-' (it appears in URLs)`);
  }
  if (await store.findCrowdProject(req.name)) throw new UserError(`a labeling project named "${req.name}" already exists`);
  const settings = parseProjectSettings(req.settings ?? {});
  const { dataset, split } = await findSplitOrThrow(store, req.dataset, req.split);
  const poolCounts = await store.classCounts(split.id);
  const known = new Set((await store.datasetClasses(dataset.id)).map((c) => c.wnid));
  const wnids = req.classes ? [...new Set(req.classes)] : [...known].filter((w) => (poolCounts.get(w) ?? 0) > 0);
  const unknown = wnids.filter((w) => !known.has(w));
  if (unknown.length > 0) throw new UserError(`classes not in dataset ${dataset.name}: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''}`);
  if (wnids.length === 0) throw new UserError(`split ${dataset.name}/${split.name} has no items in the requested classes`);

  let controlsCounts = new Map<string, number>();
  let controlsSplitId: number | null = null;
  if (req.controlsFrom) {
    const c = await findSplitOrThrow(store, req.controlsFrom.dataset, req.controlsFrom.split);
    if (c.split.id === split.id) throw new UserError('controls must come from another split than the candidate pool');
    controlsSplitId = c.split.id;
    controlsCounts = await store.classCounts(c.split.id);
  }
  if (settings.qualification && controlsSplitId === null) throw new UserError('--qualification needs --controls-from: practice grids are built from verified control images');
  const wn = loadWordNet();
  const classes = wnids.map((wnid) => {
    const negativeWnid = wnids.length > 1 ? mostSimilarClass(wnid, wnids, (a, b) => wn.pathSimilarity(a, b)) ?? null : null;
    return {
      wnid, negativeWnid, candidates: poolCounts.get(wnid) ?? 0,
      positives: controlsCounts.get(wnid) ?? 0, negatives: negativeWnid ? controlsCounts.get(negativeWnid) ?? 0 : 0,
    };
  });
  const project = await store.createCrowdProject({
    name: req.name, datasetId: dataset.id, poolSplitId: split.id, controlsSplitId, settings: JSON.stringify(settings),
    classes: classes.map((c) => ({ wnid: c.wnid, negativeWnid: c.negativeWnid })),
  }, now);
  return { project, settings, classes };
}
