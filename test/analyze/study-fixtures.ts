import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { importDataset } from '../../src/datasets/import-dataset.js';
import { importPredictions } from '../../src/evaluate/import-predictions.js';
import { formatIdx } from '../../src/formats/dataset/idx.js';
import { seededRng } from '../../src/stats/rng.js';
import type { Workspace } from '../../src/store/workspace.js';
import { fashionMnistTest } from '../evaluate/testbed-fixtures.js';

/** Imports Fashion-MNIST test images [from, from + n) as dataset `name`, split `test`. */
export async function importFmSlice(ws: Workspace, scratch: string, name: string, from: number, n: number): Promise<void> {
  const { pixels, labels } = await fashionMnistTest(from + n);
  await mkdir(scratch, { recursive: true });
  const images = path.join(scratch, `${name}-images.idx`);
  const labelFile = path.join(scratch, `${name}-labels.idx`);
  await writeFile(images, formatIdx([n, 28, 28], pixels.subarray(from * 784, (from + n) * 784)));
  await writeFile(labelFile, formatIdx([n], labels.subarray(from, from + n)));
  await importDataset(ws, { layout: 'idx', dataset: name, split: 'test', classes: 'fashion-mnist', hidden: false, images, labels: labelFile });
}

/** The split's labels as class indices (sorted-wnid order), in position order. */
export async function splitLabels(ws: Workspace, dataset: string): Promise<Int32Array> {
  const d = (await ws.store.findDataset(dataset))!;
  const split = (await ws.store.findSplit(d.id, 'test'))!;
  const indexOf = new Map((await ws.store.datasetClasses(d.id)).map((c) => [c.wnid, c.index]));
  return Int32Array.from(await ws.store.listItems(split.id), (i) => indexOf.get(i.wnid)!);
}

/**
 * Synthetic top-1 predictions: right with probability `p` (seeded), else a wrong class; imported as model `model`'s
 * evaluation on `dataset:test` (ILSVRC text, class indices). Returns the predictions.
 */
export async function importSyntheticModel(ws: Workspace, scratch: string, model: string, dataset: string, p: number, seed: number): Promise<Int32Array> {
  const labels = await splitLabels(ws, dataset);
  const rng = seededRng(seed);
  const pred = Int32Array.from(labels, (l) => (rng.next() < p ? l : (l + 1 + rng.int(9)) % 10));
  const file = path.join(scratch, `${model}-${dataset}.txt`);
  await writeFile(file, `${Array.from(pred).join('\n')}\n`);
  await importPredictions(ws, { model, dataset, split: 'test', file, format: 'ilsvrc', labelSpace: 'index' });
  return pred;
}
