import type { DatasetSummary, Store } from '../store/store.js';
import type { DatasetPreview } from './views/home.js';

/**
 * One image per class from the first split whose labels are visible; for a dataset whose splits are all hidden,
 * a few unlabeled images (showing a hidden split's classes would leak its labels).
 */
export async function datasetPreviews(store: Store, datasets: readonly DatasetSummary[], perDataset = 12): Promise<DatasetPreview[]> {
  const previews: DatasetPreview[] = [];
  for (const d of datasets) {
    const visible = d.splits.find((s) => !s.labels_hidden && s.itemCount > 0);
    if (visible) {
      const classes = (await store.datasetClasses(d.id)).slice(0, perDataset);
      const tiles = [];
      for (const cls of classes) {
        const [item] = await store.listItems(visible.id, { wnid: cls.wnid, limit: 1 });
        if (item) tiles.push({ item, cls });
      }
      previews.push({ datasetId: d.id, split: visible.name, tiles });
      continue;
    }
    const hidden = d.splits.find((s) => s.itemCount > 0);
    if (hidden) {
      const items = await store.listItems(hidden.id, { limit: perDataset });
      previews.push({ datasetId: d.id, split: hidden.name, tiles: items.map((item) => ({ item })) });
    }
  }
  return previews;
}
