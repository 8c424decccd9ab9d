import { UserError } from '../errors.js';
import type { DatasetRow, SplitRow, Store } from '../store/store.js';

export async function findDatasetOrThrow(store: Store, name: string): Promise<DatasetRow> {
  const dataset = await store.findDataset(name);
  if (!dataset) {
    const known = (await store.listDatasets()).map((d) => d.name);
    throw new UserError(`no dataset named "${name}"${known.length ? ` (datasets: ${known.join(', ')})` : ' (the workspace has no datasets yet)'}`);
  }
  return dataset;
}

/** The named split of the named dataset, or a one-line error listing what exists. */
export async function findSplitOrThrow(store: Store, datasetName: string, splitName: string): Promise<{ dataset: DatasetRow; split: SplitRow }> {
  const dataset = await findDatasetOrThrow(store, datasetName);
  const split = await store.findSplit(dataset.id, splitName);
  if (!split) {
    const known = (await store.listSplits(dataset.id)).map((s) => s.name);
    throw new UserError(`dataset ${dataset.name} has no split "${splitName}" (splits: ${known.join(', ') || 'none'})`);
  }
  return { dataset, split };
}
