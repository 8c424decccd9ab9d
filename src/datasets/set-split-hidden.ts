import type { SplitRow, Store } from '../store/store.js';
import { findSplitOrThrow } from './find-split.js';

/** Hides or reveals the labels of a split (a challenge's test labels stay with the host). */
export async function setSplitHidden(store: Store, datasetName: string, splitName: string, hidden: boolean): Promise<SplitRow> {
  const { split } = await findSplitOrThrow(store, datasetName, splitName);
  await store.setLabelsHidden(split.id, hidden);
  return { ...split, labels_hidden: hidden ? 1 : 0 };
}
