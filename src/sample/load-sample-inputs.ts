import { UserError } from '../errors.js';
import { findSplitOrThrow } from '../datasets/find-split.js';
import type { DatasetRow, SplitRow, Store } from '../store/store.js';
import type { LoadedProject } from '../verify/find-project.js';
import { frequencyTable } from '../verify/frequency-rows.js';
import type { ReferenceVotes, SampleCandidate } from './core/index.js';
import { nearDuplicateStatus } from './near-duplicate-status.js';

export interface ReferenceSplit {
  readonly dataset: DatasetRow;
  readonly split: SplitRow;
}

/**
 * `dataset` or `dataset:split` (or `dataset/split`); the split defaults to the name of the project's controls split,
 * and with no reference at all the controls split itself is the reference.
 */
export async function resolveReference(store: Store, { project }: LoadedProject, reference: string | undefined): Promise<ReferenceSplit> {
  const datasets = await store.listDatasets();
  const controls = datasets.flatMap((d) => d.splits.map((s) => ({ dataset: d.name, split: s.name, id: s.id }))).find((s) => s.id === project.controls_split_id);
  if (reference === undefined) {
    if (!controls) throw new UserError(`project ${project.name} has no controls split: give --reference DATASET:SPLIT`);
    return findSplitOrThrow(store, controls.dataset, controls.split);
  }
  const [datasetName, given] = reference.split(/[:/]/, 2) as [string, string | undefined];
  const splitName = given ?? controls?.split;
  if (splitName === undefined) throw new UserError(`project ${project.name} has no controls split: give --reference DATASET:SPLIT`);
  return findSplitOrThrow(store, datasetName, splitName);
}

export interface SampleInputs {
  /** The project's classes, sorted. */
  readonly classes: readonly string[];
  readonly candidates: readonly SampleCandidate[];
  /** Votes of the reference split's images shown as positive controls, per class. */
  readonly reference: ReadonlyMap<string, readonly ReferenceVotes[]>;
  readonly collectPools: readonly string[];
}

/**
 * Everything sampling reads from the store: the crowd project's candidate (image, class) pairs with their votes (valid
 * assignments, ImageNetV2's rule), blacklist reasons, near-duplicate status from the collect stage, and the votes of
 * the reference images (the reference split's images that were shown as positive controls of their class).
 * Candidates whose image is not stored (an imported key) cannot be put into a test set and are left out. An image
 * that is a candidate for several classes is marked a near-duplicate: a test set holds each image once.
 */
export async function loadSampleInputs(
  store: Store, loaded: LoadedProject, ref: ReferenceSplit, o: { readonly collectPools: readonly string[] | null; readonly now: Date },
): Promise<SampleInputs> {
  const { project } = loaded;
  const classes = (await store.crowdProjectClasses(project.id)).map((c) => c.wnid).sort();
  const table = await frequencyTable(store, loaded, { now: o.now });
  const pairs = table.columns;
  const referenceItems = new Set((await store.listItems(ref.split.id)).map((i) => i.id));
  const blacklist = new Map((await store.listBlacklist(project.id)).map((b) => [b.image_sha256, b.reason]));
  const reference = new Map<string, ReferenceVotes[]>();
  const found: Array<{ sha: string; wnid: string; selected: number; shown: number }> = [];
  const classesOf = new Map<string, number>();
  for (let i = 0; i < table.length; i++) {
    const roles = pairs.roles(i);
    const selected = table.selected[i]!;
    const shown = table.shown[i]!;
    if (roles.includes('positive') && pairs.itemIds(i).some((id) => referenceItems.has(id))) {
      const wnid = pairs.wnid(i);
      let list = reference.get(wnid);
      if (!list) reference.set(wnid, (list = []));
      list.push({ selected, shown });
    }
    const sha = roles.includes('candidate') ? pairs.sha256(i) : null;
    if (sha !== null) {
      found.push({ sha, wnid: pairs.wnid(i), selected, shown });
      classesOf.set(sha, (classesOf.get(sha) ?? 0) + 1);
    }
  }
  const frequency = new Map(found.map((c) => [c.sha, c.shown > 0 ? c.selected / c.shown : 0]));
  const nd = await nearDuplicateStatus(store, frequency, o.collectPools);
  const candidates: SampleCandidate[] = found.map((c) => ({
    id: c.sha, wnid: c.wnid, selected: c.selected, shown: c.shown, blacklisted: blacklist.get(c.sha),
    nearDuplicate: (classesOf.get(c.sha) ?? 0) > 1
      ? { kind: 'near-duplicate', detail: 'a candidate for several classes' }
      : nd.status.get(c.sha) ?? { kind: 'not-checked' },
  }));
  return { classes, candidates, reference, collectPools: nd.pools };
}
