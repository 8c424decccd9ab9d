import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { importDataset } from '../../src/datasets/import-dataset.js';
import { formatIdx } from '../../src/formats/dataset/idx.js';
import { packageDataPath } from '../../src/paths.js';
import type { Workspace } from '../../src/store/workspace.js';

/** Tiny ONNX models made by tools/zoo/make_test_models.py. */
export const FIXTURE_MODELS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** The first `n` images and labels of the real Fashion-MNIST test split (data/demo/fashion-mnist). */
export async function fashionMnistTest(n: number): Promise<{ pixels: Uint8Array; labels: Uint8Array }> {
  const images = gunzipSync(await readFile(packageDataPath('demo', 'fashion-mnist', 't10k-images-idx3-ubyte.gz'))).subarray(16);
  const labels = gunzipSync(await readFile(packageDataPath('demo', 'fashion-mnist', 't10k-labels-idx1-ubyte.gz'))).subarray(8);
  return { pixels: images.subarray(0, n * 784), labels: labels.subarray(0, n) };
}

/** Imports the first `n` Fashion-MNIST test images as dataset `name`, split `split` (labels hidden, as in the demo). */
export async function importFashionMnistSubset(ws: Workspace, scratch: string, n: number, name = 'fm', split = 'test'): Promise<void> {
  const { pixels, labels } = await fashionMnistTest(n);
  await mkdir(scratch, { recursive: true });
  const images = path.join(scratch, `${name}-${split}-images.idx`);
  const labelFile = path.join(scratch, `${name}-${split}-labels.idx`);
  await writeFile(images, formatIdx([n, 28, 28], pixels));
  await writeFile(labelFile, formatIdx([n], labels));
  await importDataset(ws, { layout: 'idx', dataset: name, split, classes: 'fashion-mnist', hidden: true, images, labels: labelFile });
}

/** The fmnist-28 preset's tensor computed directly from raw pixels, with the float32 steps of tools/zoo/train_zoo.py. */
export function fmnistTensor(pixels: Uint8Array): Float32Array {
  const m = Math.fround(0.286);
  const s = Math.fround(0.353);
  return Float32Array.from(pixels, (p) => Math.fround(Math.fround(Math.fround(p / 255) - m) / s));
}
