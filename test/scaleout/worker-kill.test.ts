import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addModel } from '../../src/evaluate/add-model.js';
import { EVAL_SHARD_JOB, planEvaluationShards } from '../../src/evaluate/evaluation-shards.js';
import { evaluateOnSplit } from '../../src/evaluate/run-evaluations.js';
import { createBullmqQueue } from '../../src/jobs/bullmq-queue.js';
import type { JobQueue } from '../../src/jobs/queue.js';
import { packageDataPath } from '../../src/paths.js';
import { findSplitOrThrow } from '../../src/datasets/find-split.js';
import { queueOfJob } from '../../src/workers/job-types.js';
import { importFashionMnistSubset } from '../evaluate/testbed-fixtures.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';
import { dropPrefix, freshPrefix, REDIS_URL } from '../jobs/redis-env.js';
import { startHeldout, type Proc } from './processes.js';

// kill -9 of a real `heldout worker` process in the middle of an evaluation shard: the job's lock expires, another
// worker takes it (attempt 2), runs only the chunks the dead one had not committed, and every chunk is stored once.

const N = 3000;
const CHUNK = 100;
let t: TempWorkspace;
let q: JobQueue;
const prefix = freshPrefix();
const procs: Proc[] = [];

const worker = () => {
  const p = startHeldout(['--data-dir', t.dataDir, 'worker', '--redis', REDIS_URL!, '--redis-prefix', prefix, '--queues', 'evaluate', '--lock-ms', '2000', '--grace-ms', '1000']);
  procs.push(p);
  return p;
};

describe.skipIf(!REDIS_URL)('a worker killed mid-job', () => {
  beforeAll(async () => {
    t = await tempWorkspace();
    await importFashionMnistSubset(t.ws, t.scratch, N);
    await addModel(t.ws, { name: 'lenet5', onnx: packageDataPath('zoo', 'lenet5.onnx'), preset: 'fmnist-28', classes: 'fashion-mnist', mapping: 'devkit' });
    q = createBullmqQueue({ url: REDIS_URL!, prefix, route: queueOfJob });
  }, 120_000);
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.kill('SIGKILL')));
    await q?.close();
    await dropPrefix(REDIS_URL!, prefix);
    await t.cleanup();
  });

  it('is retried by another worker, which stores the missing chunks once', async () => {
    const [shard] = await planEvaluationShards(t.ws, { model: 'lenet5', dataset: 'fm', split: 'test', shards: 1, chunkSize: CHUNK });
    const id = await q.enqueue(EVAL_SHARD_JOB, { ...shard!, batch: 10, workers: 1, threads: 1 }, { title: 'kill me' });
    const first = worker();
    await first.waitFor(/started \(attempt 1\)/);
    const { split } = await findSplitOrThrow(t.ws.store, 'fm', 'test');
    const evalId = (await t.ws.store.findEvaluation((await t.ws.store.findModel('lenet5'))!.id, split.id))!.id;
    // Kill once the worker has committed some chunks, so the retry has work left and work done.
    await expect.poll(async () => (await t.ws.store.listChunks(evalId)).length, { timeout: 60_000, interval: 20 }).toBeGreaterThanOrEqual(2);
    expect(await first.kill('SIGKILL')).toBeNull();
    const before = (await t.ws.store.listChunks(evalId)).length;
    expect(before).toBeLessThan(N / CHUNK);

    const second = worker();
    const result = (await q.wait(id)) as { chunksRun: number; status: string };
    await second.waitFor(/started \(attempt 2\)/, 5_000);
    expect(result.status).toBe('done');
    expect(result.chunksRun).toBe(N / CHUNK - before);
    const chunks = await t.ws.store.listChunks(evalId);
    expect(chunks.map((c) => c.chunk)).toEqual(Array.from({ length: N / CHUNK }, (_, i) => i));
    const e = (await t.ws.store.getEvaluation(evalId))!;
    expect(e).toMatchObject({ status: 'done', done: N });
    // SIGTERM: the idle worker stops cleanly.
    expect(await second.kill('SIGTERM')).toBe(0);
    expect(second.output()).toMatch(/stopped/);
    const [again] = await evaluateOnSplit(t.ws, 'fm', 'test', ['lenet5'], { workers: 1, threads: 1, force: true });
    expect([e.correct_top1, e.correct_topk]).toEqual([again!.evaluation.correct_top1, again!.evaluation.correct_topk]);
  }, 180_000);
});
