import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDataset } from '../../src/datasets/import-dataset.js';
import { packageDataPath } from '../../src/paths.js';
import { runHeldout } from '../helpers/run-heldout.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';

/**
 * Zoo models this test runs through `heldout eval`; test/evaluate/seed.test.ts runs all of them. These have no
 * near-tied image (card test.near_ties.top1 = 0), so ONNX Runtime must reproduce PyTorch's count exactly.
 */
const MODELS = ['lenet5', 'mlp-64', 'mlp-256x2'];

interface Card { test: { n: number; top1_correct: number; top5_correct: number; near_ties: { top1: number; top5: number } } }

let t: TempWorkspace;
beforeAll(async () => {
  t = await tempWorkspace();
  await importDataset(t.ws, {
    layout: 'idx', dataset: 'fashion-mnist', split: 'test', classes: 'fashion-mnist', hidden: true,
    images: packageDataPath('demo', 'fashion-mnist', 't10k-images-idx3-ubyte.gz'), labels: packageDataPath('demo', 'fashion-mnist', 't10k-labels-idx1-ubyte.gz'),
  });
  await t.ws.close();
}, 120_000);
afterAll(() => t.cleanup());

describe('zoo accuracy through heldout eval equals what tools/zoo/train_zoo.py recorded', () => {
  for (const name of MODELS) {
    it(`${name}: same top-1 and top-5 counts on the 10,000 test images`, async () => {
      const zoo = packageDataPath('zoo');
      const card = JSON.parse(await readFile(path.join(zoo, `${name}.json`), 'utf8')) as Card;
      const add = await runHeldout(t.dataDir, 'model', 'add', name, '--onnx', path.join(zoo, `${name}.onnx`), '--preset', 'fmnist-28',
        '--classes', 'fashion-mnist', '--mapping', 'devkit', '--card', path.join(zoo, `${name}.json`));
      expect(add.err).toBe('');
      expect(add.code).toBe(0);
      const r = await runHeldout(t.dataDir, 'eval', '--model', name, '--dataset', 'fashion-mnist', '--batch', '500', '--threads', '1', '--workers', '1', '--json');
      expect(r.err).not.toContain('internal error');
      expect(r.code).toBe(0);
      const out = JSON.parse(r.out) as { n: number; top1: { correct: number; ci: [number, number] }; top5: { correct: number } };
      expect(out.n).toBe(card.test.n);
      // The script counts with PyTorch; ONNX Runtime sums in another order, which can only move near-tied images.
      expect(card.test.near_ties.top1).toBe(0);
      expect(out.top1.correct).toBe(card.test.top1_correct);
      expect(Math.abs(out.top5.correct - card.test.top5_correct)).toBeLessThanOrEqual(card.test.near_ties.top5);
      expect(out.top1.ci[0]).toBeLessThan(out.top1.correct / out.n);
    }, 120_000);
  }
});
