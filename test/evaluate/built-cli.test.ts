import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageDataPath } from '../../src/paths.js';
import { runCli } from '../e2e/run-cli.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';
import { importFashionMnistSubset } from './testbed-fixtures.js';

// The compiled CLI (bin/heldout.js → dist/, built by `npm run build`) starts its decode workers from
// dist/evaluate/decode-worker.js, not through the TypeScript hooks the in-process tests use.
let t: TempWorkspace;
beforeAll(async () => {
  t = await tempWorkspace();
  await importFashionMnistSubset(t.ws, t.scratch, 64);
  await t.ws.close();
});
afterAll(() => t.cleanup());

describe('heldout eval as a child process (compiled workers)', () => {
  it('registers a zoo model and evaluates it with two decode worker threads', async () => {
    const zoo = packageDataPath('zoo');
    const add = await runCli(['--data-dir', t.dataDir, 'model', 'add', 'mlp-64', '--onnx', path.join(zoo, 'mlp-64.onnx'), '--preset', 'fmnist-28',
      '--classes', 'fashion-mnist', '--mapping', 'devkit', '--card', path.join(zoo, 'mlp-64.json')]);
    expect(add.stderr).toBe('');
    const r = await runCli(['--data-dir', t.dataDir, 'eval', '--model', 'mlp-64', '--dataset', 'fm', '--workers', '2', '--batch', '16', '--json']);
    expect(r.stderr).not.toContain('internal error');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'done', n: 64, imagesRun: 64, top1: { n: 64 } });
  });
});
