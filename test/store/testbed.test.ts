import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewTestbedModel, Store } from '../../src/store/store.js';
import { STORE_BACKENDS } from '../helpers/store-backends.js';
import { ClassSet } from '../../src/classes/class-set.js';

const NOW = new Date('2026-11-28T10:00:00Z');
const LATER = new Date('2026-11-28T11:00:00Z');
const classes = ClassSet.fromWnids('t', ['n02084071', 'n01443537']).entries;

const model = (name: string): NewTestbedModel => ({
  name, source: 'onnx', onnx_sha256: 'a'.repeat(64), onnx_bytes: 123, preset: 'fmnist-28', mapping: 'devkit', class_set: 't',
  class_wnids: JSON.stringify(['n02084071', 'n01443537']), num_classes: 2, card_json: '{"family":"MLP"}',
});

// One suite, every backend: SQLite always, PostgreSQL when HELDOUT_PG_URL is set.
for (const backend of STORE_BACKENDS) describe.skipIf(!backend.available)(`testbed store (${backend.name})`, () => {
  const { open } = backend;
  let dir: string;
  let store: Store;
  let splitId: number;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'heldout-testbed-store-'));
    store = await open(dir);
    const d = await store.createDataset({ name: 'fm', description: '', classSet: 't', classes }, NOW);
    splitId = (await store.createSplit(d.id, { name: 'test', labelsHidden: true, sourceLayout: 'idx', sourcePath: '/x' }, NOW)).id;
  });
  afterEach(async () => {
    await store.close();
    await backend.destroy(dir);
    await rm(dir, { recursive: true, force: true });
  });

  const evaluation = (modelId: number) => ({
    model_id: modelId, split_id: splitId, n: 3, k: 5, chunk_size: 2, scorer_version: 'heldout-testbed/1', with_scores: 0, settings_json: '{}',
  });

  it('registers models with unique names and lists them by name', async () => {
    const b = await store.createModel(model('b'), NOW);
    await store.createModel(model('a'), NOW);
    expect(b).toMatchObject({ name: 'b', preset: 'fmnist-28', num_classes: 2, created_at: NOW.toISOString() });
    expect((await store.listModels()).map((m) => m.name)).toEqual(['a', 'b']);
    expect((await store.findModel('b'))?.id).toBe(b.id);
    expect(await store.findModel('zzz')).toBeUndefined();
    await expect(store.createModel(model('a'), NOW)).rejects.toThrow();
  });

  it('runs an evaluation through chunks to done, counting images and keeping chunk order', async () => {
    const m = await store.createModel(model('m'), NOW);
    const e = await store.createEvaluation(evaluation(m.id), NOW);
    expect(e).toMatchObject({ status: 'running', done: 0, n: 3, correct_top1: null, finished_at: null });
    await store.addChunk(e.id, { chunk: 1, count: 1, blob_sha256: 'c'.repeat(64) }, NOW);
    await store.addChunk(e.id, { chunk: 0, count: 2, blob_sha256: 'b'.repeat(64) }, NOW);
    await expect(store.addChunk(e.id, { chunk: 0, count: 2, blob_sha256: 'd'.repeat(64) }, NOW)).rejects.toThrow();
    expect((await store.listChunks(e.id)).map((c) => [c.chunk, c.count])).toEqual([[0, 2], [1, 1]]);
    expect((await store.getEvaluation(e.id))?.done).toBe(3);
    await store.finishEvaluation(e.id, { kind: 'done', correctTop1: 2, correctTopk: 3 }, LATER);
    expect(await store.findEvaluation(m.id, splitId)).toMatchObject({ status: 'done', correct_top1: 2, correct_topk: 3, finished_at: LATER.toISOString() });
    await expect(store.createEvaluation(evaluation(m.id), NOW)).rejects.toThrow(); // one evaluation per model and split
  });

  it('records failures and resumes them', async () => {
    const m = await store.createModel(model('m'), NOW);
    const e = await store.createEvaluation(evaluation(m.id), NOW);
    await store.finishEvaluation(e.id, { kind: 'failed', error: 'model m: NaN' }, LATER);
    expect(await store.getEvaluation(e.id)).toMatchObject({ status: 'failed', error: 'model m: NaN' });
    await store.resumeEvaluation(e.id);
    expect(await store.getEvaluation(e.id)).toMatchObject({ status: 'running', error: null, finished_at: null });
  });

  it('lists evaluations with model, dataset and split names', async () => {
    const a = await store.createModel(model('a'), NOW);
    const b = await store.createModel(model('b'), NOW);
    await store.createEvaluation(evaluation(b.id), NOW);
    await store.createEvaluation(evaluation(a.id), NOW);
    const all = await store.listEvaluations();
    expect(all.map((e) => [e.model_name, e.dataset_name, e.split_name, e.labels_hidden])).toEqual([['a', 'fm', 'test', 1], ['b', 'fm', 'test', 1]]);
    expect((await store.listEvaluations({ modelId: b.id })).map((e) => e.model_name)).toEqual(['b']);
    expect(await store.listEvaluations({ splitId: splitId + 99 })).toEqual([]);
  });

  it('deletes evaluations and models with their chunks, and datasets with their evaluations', async () => {
    const m = await store.createModel(model('m'), NOW);
    const e = await store.createEvaluation(evaluation(m.id), NOW);
    await store.addChunk(e.id, { chunk: 0, count: 2, blob_sha256: 'b'.repeat(64) }, NOW);
    await store.deleteEvaluation(e.id);
    expect(await store.tableCounts()).toMatchObject({ testbed_models: 1, testbed_evaluations: 0, testbed_chunks: 0 });
    const e2 = await store.createEvaluation(evaluation(m.id), NOW);
    await store.addChunk(e2.id, { chunk: 0, count: 2, blob_sha256: 'b'.repeat(64) }, NOW);
    await store.deleteDataset((await store.findDataset('fm'))!.id);
    expect(await store.tableCounts()).toMatchObject({ testbed_models: 1, testbed_evaluations: 0, testbed_chunks: 0 });
    await store.deleteModel(m.id);
    expect(await store.tableCounts()).toMatchObject({ testbed_models: 0 });
  });

  it('rolls a failed transaction back completely', async () => {
    const before = await store.tableCounts();
    await expect(store.transaction(async (tx) => {
      const m = await tx.createModel(model('m'), NOW);
      const e = await tx.createEvaluation(evaluation(m.id), NOW);
      await tx.addChunk(e.id, { chunk: 0, count: 2, blob_sha256: 'b'.repeat(64) }, NOW);
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(await store.tableCounts()).toEqual(before);
  });
});
