import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadBuiltinClassSet } from '../../src/catalog/builtin-class-sets.js';
import { addModel } from '../../src/evaluate/add-model.js';
import { evaluateOnSplit } from '../../src/evaluate/run-evaluations.js';
import { packageDataPath } from '../../src/paths.js';
import { runHeldout } from '../helpers/run-heldout.js';
import { tempWorkspace, workspaceCounts, type TempWorkspace } from '../helpers/temp-workspace.js';
import { fashionMnistTest, importFashionMnistSubset } from './testbed-fixtures.js';

const N = 100;
let t: TempWorkspace;
beforeEach(async () => {
  t = await tempWorkspace();
  await importFashionMnistSubset(t.ws, t.scratch, N);
  await addModel(t.ws, { name: 'lenet5', onnx: packageDataPath('zoo', 'lenet5.onnx'), preset: 'fmnist-28', classes: 'fashion-mnist', mapping: 'devkit' });
});
afterEach(() => t.cleanup());

interface EvalJson { status: string; n: number; imagesRun: number; top1: { correct: number; n: number; ci: [number, number] }; top5: { correct: number } }

describe('eval is resumable', () => {
  it('an interrupted evaluation continues after its last stored chunk and ends with the same counts', async () => {
    const interrupted = evaluateOnSplit(t.ws, 'fm', 'test', ['lenet5'], {
      batch: 16, chunkSize: 32, workers: 1,
      onProgress: (p) => {
        if (p.done >= 48) throw new Error('interrupted');
      },
    });
    await expect(interrupted).rejects.toThrow('interrupted');
    const partial = (await t.ws.store.listEvaluations())[0]!;
    expect(partial).toMatchObject({ status: 'running', done: 32, chunk_size: 32 });
    await t.ws.close();

    const resumed = await runHeldout(t.dataDir, 'eval', '--model', 'lenet5', '--dataset', 'fm', '--batch', '16', '--json');
    expect(resumed.code).toBe(0);
    const r = JSON.parse(resumed.out) as EvalJson;
    expect(r).toMatchObject({ status: 'done', n: N, imagesRun: N - 32 });

    const again = JSON.parse((await runHeldout(t.dataDir, 'eval', '--model', 'lenet5', '--dataset', 'fm', '--json')).out) as EvalJson;
    expect(again).toMatchObject({ status: 'skipped', imagesRun: 0, top1: r.top1 });
    const fresh = JSON.parse((await runHeldout(t.dataDir, 'eval', '--model', 'lenet5', '--dataset', 'fm', '--force', '--batch', '7', '--json')).out) as EvalJson;
    expect(fresh).toMatchObject({ status: 'done', imagesRun: N, top1: r.top1, top5: r.top5 });
  });

  it('refuses to resume with a different --scores setting', async () => {
    await expect(evaluateOnSplit(t.ws, 'fm', 'test', ['lenet5'], { chunkSize: 32, workers: 0, onProgress: (p) => { if (p.done > 40) throw new Error('stop'); } })).rejects.toThrow('stop');
    await expect(evaluateOnSplit(t.ws, 'fm', 'test', ['lenet5'], { scores: true, workers: 0 })).rejects.toThrow(/started without --scores/);
  });
});

describe('eval output', () => {
  it('prints top-1 and top-5 with n and a Clopper–Pearson interval; --all evaluates every fitting model × split once', async () => {
    const r = await runHeldout(t.dataDir, 'eval', '--all', '--workers', '1');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^lenet5 on fm\/test \(done, 100 images run\):\n {2}top-1 accuracy \d+\.\d\d% \[\d+\.\d\d, \d+\.\d\d\] \(n=100, 95% Clopper–Pearson\)\n {2}top-5 accuracy/);
    const second = await runHeldout(t.dataDir, 'eval', '--all', '--json');
    expect((JSON.parse(second.out) as EvalJson[]).map((o) => o.status)).toEqual(['skipped']);
    const show = await runHeldout(t.dataDir, 'model', 'show', 'lenet5');
    expect(show.out).toMatch(/fm\/test: top-1 \d+\.\d\d% \[\d+\.\d\d, \d+\.\d\d\], top-5 .* \(n=100\)/);
  });
});

describe('import-predictions stores predictions made elsewhere as an evaluation', () => {
  it('CSV keyed by item name, .npy in position order, JSONL; scored like heldout eval', async () => {
    const { labels } = await fashionMnistTest(N);
    const fm = loadBuiltinClassSet('fashion-mnist');
    const truth = Array.from(labels, (v) => fm.byDevkitId(v + 1).index);
    const names = Array.from({ length: N }, (_, i) => String(i).padStart(5, '0'));
    // CSV: every other image right at top-1; rows in reverse order (joined by image_id).
    const csv = path.join(t.scratch, 'half.csv');
    await writeFile(csv, `image_id,pred1,pred2\n${names.map((n, i) => `${n},${i % 2 ? (truth[i]! + 1) % 10 : truth[i]},${truth[i]}`).reverse().join('\n')}\n`);
    const a = await runHeldout(t.dataDir, 'model', 'import-predictions', 'half', '--dataset', 'fm', '--predictions', csv, '--json');
    expect(a.err).toBe('');
    expect(JSON.parse(a.out)).toMatchObject({ status: 'done', n: N, top1: { correct: N / 2 }, top5: { correct: N } });

    // .npy int32 (N, 5), devkit IDs, position order: the true class in slot 3.
    const rows = truth.map((y) => [0, 1, 2, 3, 4].map((s) => (s === 2 ? y : (y + 1 + s) % 10)).map((idx) => fm.byIndex(idx).devkitId));
    const npy = path.join(t.scratch, 'top5.npy');
    await writeFile(npy, npyInt32(rows));
    const b = await runHeldout(t.dataDir, 'model', 'import-predictions', 'third', '--dataset', 'fm', '--predictions', npy, '--label-space', 'devkit', '--json');
    expect(JSON.parse(b.out)).toMatchObject({ top1: { correct: 0 }, top5: { correct: N } });

    const jsonl = path.join(t.scratch, 'p.jsonl');
    await writeFile(jsonl, names.map((n, i) => JSON.stringify({ image_id: n, top: [fm.byIndex(truth[i]!).wnid] })).join('\n'));
    const c = await runHeldout(t.dataDir, 'model', 'import-predictions', 'perfect', '--dataset', 'fm', '--predictions', jsonl, '--label-space', 'wnid', '--json');
    expect(JSON.parse(c.out)).toMatchObject({ top1: { correct: N, ci: [expect.any(Number), 1] } });

    const before = await workspaceCounts(t.ws);
    const again = await runHeldout(t.dataDir, 'model', 'import-predictions', 'perfect', '--dataset', 'fm', '--predictions', jsonl, '--label-space', 'wnid');
    expect([again.code, again.err.trim()]).toEqual([2, 'heldout: model perfect already has an evaluation on fm/test (done); use --force to replace it']);
    expect(await workspaceCounts(t.ws)).toEqual(before);
    const list = JSON.parse((await runHeldout(t.dataDir, 'model', 'list', '--json')).out) as Array<{ name: string; source: string }>;
    expect(list.map((m) => [m.name, m.source])).toEqual([['half', 'predictions'], ['lenet5', 'onnx'], ['perfect', 'predictions'], ['third', 'predictions']]);
    // Imported-only models cannot be run.
    const run = await runHeldout(t.dataDir, 'eval', '--model', 'half', '--dataset', 'fm', '--force');
    expect(run.err).toMatch(/model half has imported predictions only/);
  });
});

/** A little-endian int32 .npy of shape (rows, cols). */
function npyInt32(rows: number[][]): Buffer {
  const header = `{'descr': '<i4', 'fortran_order': False, 'shape': (${rows.length}, ${rows[0]!.length}), }`;
  const pad = 64 - ((10 + header.length + 1) % 64);
  const text = `${header}${' '.repeat(pad)}\n`;
  const head = Buffer.alloc(10);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]).copy(head);
  head.writeUInt16LE(text.length, 8);
  return Buffer.concat([head, Buffer.from(text, 'latin1'), Buffer.from(Int32Array.from(rows.flat()).buffer)]);
}
