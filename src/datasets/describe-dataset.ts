import type { ClassEntry } from '../classes/class-set.js';
import type { Store } from '../store/store.js';
import { findDatasetOrThrow } from './find-split.js';

export interface SplitDescription {
  readonly name: string;
  readonly labelsHidden: boolean;
  readonly sourceLayout: string;
  readonly sourcePath: string;
  readonly createdAt: string;
  readonly items: number;
  /** Items per class, keyed by wnid, in the dataset's devkit order; classes without items count 0. */
  readonly classCounts: Readonly<Record<string, number>>;
}

export interface DatasetDescription {
  readonly name: string;
  readonly description: string;
  readonly classSet: string;
  readonly createdAt: string;
  readonly classes: readonly ClassEntry[];
  readonly splits: readonly SplitDescription[];
}

/** Everything `heldout dataset show` prints: classes, and per split its provenance, hidden flag and class counts. */
export async function describeDataset(store: Store, name: string): Promise<DatasetDescription> {
  const dataset = await findDatasetOrThrow(store, name);
  const classes = await store.datasetClasses(dataset.id);
  const splits: SplitDescription[] = [];
  for (const s of await store.listSplits(dataset.id)) {
    const counts = await store.classCounts(s.id);
    const classCounts: Record<string, number> = {};
    for (const c of classes) classCounts[c.wnid] = counts.get(c.wnid) ?? 0;
    splits.push({
      name: s.name, labelsHidden: s.labels_hidden === 1, sourceLayout: s.source_layout, sourcePath: s.source_path, createdAt: s.created_at,
      items: [...counts.values()].reduce((a, b) => a + b, 0), classCounts,
    });
  }
  return { name: dataset.name, description: dataset.description, classSet: dataset.class_set, createdAt: dataset.created_at, classes, splits };
}
