import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addModel } from '../../src/evaluate/add-model.js';
import { EVAL_SHARD_JOB, planEvaluationShards, runEvaluationShard } from '../../src/evaluate/evaluation-shards.js';
import { evaluateOnSplit } from '../../src/evaluate/run-evaluations.js';
import { createBullmqQueue } from '../../src/jobs/bullmq-queue.js';
import { createInProcessQueue } from '../../src/jobs/in-process-queue.js';
import { packageDataPath } from '../../src/paths.js';
import { queueOfJob, registerJobHandlers } from '../../src/workers/job-types.js';
import { importFashionMnistSubset } from '../evaluate/testbed-fixtures.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';
import { dropPrefix, freshPrefix, REDIS_URL } from './redis-env.js';

let t: TempWorkspace;
beforeEach(async () => {
  t = await tempWorkspace();
  await importFashionMnistSubset(t.ws, t.scratch, 120);
  await addModel(t.ws, { name: 'lenet5', onnx: packageDataPath('zoo', 'lenet5.onnx'), preset: 'fmnist-28', classes: 'fashion-mnist', mapping: 'devkit' });
});
afterEach(() => t.cleanup());

/** The unsharded result the shards must reproduce: the same workspace, evaluated again from scratch in one call. */
async function unsharded() {
  const [o] = await evaluateOnSplit(t.ws, 'fm', 'test', ['lenet5'], { chunkSize: 25, workers: 1, threads: 1, force: true });
  return { top1: o!.evaluation.correct_top1, topk: o!.evaluation.correct_topk };
}

describe('evaluation shards', () => {
  it('split the chunks into contiguous ranges, store each chunk once when a shard runs twice, and score when all are in', async () => {
    const shards = await planEvaluationShards(t.ws, { model: 'lenet5', dataset: 'fm', split: 'test', shards: 2, chunkSize: 25 });
    expect(shards.map((s) => [s.from, s.to])).toEqual([[0, 3], [3, 5]]);
    const first = await runEvaluationShard(t.ws, { ...shards[0]!, workers: 1, threads: 1 });
    expect(first).toMatchObject({ chunksRun: 3, status: 'running' });
    const again = await runEvaluationShard(t.ws, { ...shards[0]!, workers: 1, threads: 1 });
    expect(again).toMatchObject({ chunksRun: 0, status: 'running' });
    const last = await runEvaluationShard(t.ws, { ...shards[1]!, workers: 1, threads: 1 });
    expect(last).toMatchObject({ chunksRun: 2, status: 'done' });
    const chunks = await t.ws.store.listChunks(last.evaluationId);
    expect(chunks.map((c) => c.chunk)).toEqual([0, 1, 2, 3, 4]);
    const e = (await t.ws.store.getEvaluation(last.evaluationId))!;
    expect(e.done).toBe(120);
    expect(await planEvaluationShards(t.ws, { model: 'lenet5', dataset: 'fm', split: 'test', shards: 2 })).toEqual([]);
    expect({ top1: e.correct_top1, topk: e.correct_topk }).toEqual(await unsharded());
  });

  it('run as jobs on the in-process queue through the shared registry', async () => {
    const q = createInProcessQueue({ concurrency: 2 });
    registerJobHandlers(q, t.ws, ['evaluate']);
    const shards = await planEvaluationShards(t.ws, { model: 'lenet5', dataset: 'fm', split: 'test', shards: 3, chunkSize: 25 });
    const ids = await Promise.all(shards.map((s) => q.enqueue(EVAL_SHARD_JOB, { ...s, workers: 1, threads: 1 })));
    const results = (await Promise.all(ids.map((id) => q.wait(id)))) as Array<{ chunksRun: number; evaluationId: number }>;
    expect(results.reduce((n, r) => n + r.chunksRun, 0)).toBe(5);
    expect((await t.ws.store.getEvaluation(results[0]!.evaluationId))?.status).toBe('done');
    await q.close();
  });
});

describe.skipIf(!REDIS_URL)('evaluation shards on BullMQ', () => {
  const prefix = freshPrefix();
  afterAll(() => dropPrefix(REDIS_URL!, prefix));

  it('two consumers share the shards; every chunk is stored once and the result equals the unsharded run', async () => {
    const server = createBullmqQueue({ url: REDIS_URL!, prefix, route: queueOfJob });
    const workers = [0, 1].map(() => createBullmqQueue({ url: REDIS_URL!, prefix, route: queueOfJob, consume: { queues: ['evaluate'] } }));
    for (const w of workers) registerJobHandlers(w, t.ws, ['evaluate']);
    const shards = await planEvaluationShards(t.ws, { model: 'lenet5', dataset: 'fm', split: 'test', shards: 4, chunkSize: 25 });
    const ids = await Promise.all(shards.map((s) => server.enqueue(EVAL_SHARD_JOB, { ...s, workers: 1, threads: 1 })));
    expect(ids.every((id) => id.startsWith('evaluate:'))).toBe(true);
    const results = (await Promise.all(ids.map((id) => server.wait(id)))) as Array<{ chunksRun: number; evaluationId: number }>;
    expect(results.reduce((n, r) => n + r.chunksRun, 0)).toBe(5);
    const id = results[0]!.evaluationId;
    expect((await t.ws.store.listChunks(id)).map((c) => c.chunk)).toEqual([0, 1, 2, 3, 4]);
    const e = (await t.ws.store.getEvaluation(id))!;
    expect(e).toMatchObject({ status: 'done', done: 120 });
    const sharded = { top1: e.correct_top1, topk: e.correct_topk };
    await Promise.all([server, ...workers].map((q) => q.close()));
    expect(sharded).toEqual(await unsharded());
  });
});
