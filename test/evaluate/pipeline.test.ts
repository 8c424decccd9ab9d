import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importDataset } from '../../src/datasets/import-dataset.js';
import { addModel } from '../../src/evaluate/add-model.js';
import { preprocessImage } from '../../src/evaluate/core/preprocess-image.js';
import { viewLength, viewsOf } from '../../src/evaluate/core/preset-spec.js';
import { decodeImage } from '../../src/evaluate/decode-image.js';
import { loadPredictions } from '../../src/evaluate/evaluation-chunks.js';
import { PRESETS } from '../../src/evaluate/presets/index.js';
import { evaluateOnSplit } from '../../src/evaluate/run-evaluations.js';
import { loadBuiltinClassSet } from '../../src/catalog/builtin-class-sets.js';
import { packageDataPath } from '../../src/paths.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';
import { fashionMnistTest, fmnistTensor, FIXTURE_MODELS, importFashionMnistSubset } from './testbed-fixtures.js';

const PRESET_IMAGES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'presets', 'images');

let t: TempWorkspace;
beforeEach(async () => {
  t = await tempWorkspace();
});
afterEach(() => t.cleanup());

/** Runs an ONNX file directly on ONNX Runtime: the reference the pipeline must reproduce. */
async function ortDirect(file: string, input: Float32Array, dims: number[]): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(file, { intraOpNumThreads: 1 });
  try {
    const out = await session.run({ [session.inputNames[0]!]: new ort.Tensor('float32', input, dims) });
    return out[session.outputNames[0]!]!.data as Float32Array;
  } finally {
    await session.release();
  }
}

/** Indices of the k largest values, ties to the lower index (numpy's stable argsort of −x). */
function topK(row: ArrayLike<number>, k: number): number[] {
  return Array.from({ length: row.length }, (_, i) => i).sort((a, b) => row[b]! - row[a]! || a - b).slice(0, k);
}

describe('a zoo model through the pipeline equals ONNX Runtime run directly on the same tensors', () => {
  it('lenet5 on 100 Fashion-MNIST test images: identical logits and top-5 (worker threads, batches crossing chunks)', async () => {
    const n = 100;
    await importFashionMnistSubset(t.ws, t.scratch, n);
    const onnx = packageDataPath('zoo', 'lenet5.onnx');
    await addModel(t.ws, { name: 'lenet5', onnx, preset: 'fmnist-28', classes: 'fashion-mnist', mapping: 'devkit' });
    const [outcome] = await evaluateOnSplit(t.ws, 'fm', 'test', ['lenet5'], { batch: 24, chunkSize: 40, workers: 2, threads: 1, scores: true });
    expect(outcome).toMatchObject({ status: 'done', imagesRun: n });

    const { pixels } = await fashionMnistTest(n);
    const direct = await ortDirect(onnx, fmnistTensor(pixels), [n, 1, 28, 28]);
    const items = await t.ws.store.listItems(outcome!.evaluation.split_id);
    const stored = await loadPredictions(t.ws, outcome!.evaluation, items);
    expect(stored.classes).toBe(10);
    expect(Buffer.from(stored.scores!.buffer).equals(Buffer.from(direct.buffer, direct.byteOffset, direct.byteLength))).toBe(true);
    // Output j is devkit ID j+1; stored top-5 is in the dataset's sorted-wnid index space.
    const fm = loadBuiltinClassSet('fashion-mnist');
    for (let i = 0; i < n; i++) {
      const want = topK(direct.subarray(i * 10, i * 10 + 10), 5).map((j) => fm.byDevkitId(j + 1).index);
      expect([...stored.guesses.subarray(i * 5, i * 5 + 5)]).toEqual(want);
    }
  });

  it('imagenet-224 and alexnet-10crop on photos: logits, and the average of ten softmaxes, as computed directly', async () => {
    const wnids = ['n01440764', 'n01443537'];
    const files = ['photo-500x375.jpg', 'photo-75x101.jpg', 'photo-333x257.png', 'rgba-61x47.png', 'gray-40x30.png'];
    for (const [i, f] of files.entries()) {
      await mkdir(path.join(t.scratch, 'photos', wnids[i % 2]!), { recursive: true });
      await copyFile(path.join(PRESET_IMAGES, f), path.join(t.scratch, 'photos', wnids[i % 2]!, f));
    }
    await importDataset(t.ws, { layout: 'imagefolder', dataset: 'photos', path: path.join(t.scratch, 'photos'), classes: 'ilsvrc2012' });
    const onnx = path.join(FIXTURE_MODELS, 'tiny-imagenet.onnx');
    for (const preset of ['imagenet-224', 'alexnet-10crop'] as const) {
      await addModel(t.ws, { name: preset, onnx, preset });
      const [outcome] = await evaluateOnSplit(t.ws, 'photos', 'test', [preset], { batch: 2, workers: 1, threads: 1, scores: true });
      expect(outcome?.status).toBe('done');
      const items = await t.ws.store.listItems(outcome!.evaluation.split_id);
      const stored = await loadPredictions(t.ws, outcome!.evaluation, items);
      const spec = PRESETS[preset];
      const views = viewsOf(spec);
      for (const [i, item] of items.entries()) {
        const tensor = new Float32Array(views * viewLength(spec));
        preprocessImage(spec, await decodeImage(await t.ws.blobs.get(item.image_sha256), item.name), tensor, 0);
        const logits = await ortDirect(onnx, tensor, [views, 3, 224, 224]);
        const want = new Float64Array(1000);
        for (let v = 0; v < views; v++) {
          const row = logits.subarray(v * 1000, (v + 1) * 1000);
          const max = Math.max(...row);
          const sum = row.reduce((s, x) => s + Math.exp(x - max), 0);
          for (let j = 0; j < 1000; j++) want[j]! += views === 1 ? row[j]! : Math.exp(row[j]! - max) / sum / views;
        }
        const got = stored.scores!.subarray(i * 1000, (i + 1) * 1000);
        for (let j = 0; j < 1000; j++) expect(Math.abs(got[j]! - want[j]!)).toBeLessThanOrEqual(views === 1 ? 0 : 1e-7);
        expect([...stored.guesses.subarray(i * 5, i * 5 + 5)]).toEqual(topK(got, 5));
      }
    }
  });

  it('a model with a fixed batch of 1 gives the same predictions as its dynamic-batch twin', async () => {
    await importFashionMnistSubset(t.ws, t.scratch, 30);
    for (const name of ['linear-dynamic', 'linear-fixed1']) {
      await addModel(t.ws, { name, onnx: path.join(FIXTURE_MODELS, `${name}.onnx`), preset: 'fmnist-28', classes: 'fashion-mnist', mapping: 'devkit' });
    }
    const outcomes = await evaluateOnSplit(t.ws, 'fm', 'test', ['linear-dynamic', 'linear-fixed1'], { batch: 8, workers: 0, scores: true });
    const items = await t.ws.store.listItems(outcomes[0]!.evaluation.split_id);
    const [a, b] = await Promise.all(outcomes.map((o) => loadPredictions(t.ws, o.evaluation, items)));
    expect(b!.guesses).toEqual(a!.guesses);
    for (let i = 0; i < a!.scores!.length; i++) expect(b!.scores![i]).toBeCloseTo(a!.scores![i]!, 5);
  });
});

describe('preset tensors decoded from the stored PNG equal the pixels of the IDX file', () => {
  it('fmnist-28 on stored demo images is exactly the zoo script\'s tensor', async () => {
    await importFashionMnistSubset(t.ws, t.scratch, 20);
    const { pixels } = await fashionMnistTest(20);
    const split = (await t.ws.store.findSplit((await t.ws.store.findDataset('fm'))!.id, 'test'))!;
    const items = await t.ws.store.listItems(split.id);
    const ours = new Float32Array(20 * 784);
    for (const [i, item] of items.entries()) preprocessImage(PRESETS['fmnist-28'], await decodeImage(await t.ws.blobs.get(item.image_sha256), item.name), ours, i * 784);
    expect(Buffer.from(ours.buffer).equals(Buffer.from(fmnistTensor(pixels).buffer))).toBe(true);
  });
});
