#!/usr/bin/env node
// Benchmark: one model evaluated on one split as BullMQ shard jobs, run by 1 vs 2 `heldout worker` processes on one
// SQLite workspace and one Redis (issue 10: expect ≈ 2× where cores allow). Each run starts from an empty evaluation:
// plan S shards, enqueue them, start W workers (bin/heldout.js, each `--concurrency 1`, shards with 1 decode thread and
// 1 ONNX Runtime thread), time from enqueue to the last shard's result; worker start-up is excluded (workers are
// started and ready first). Run `npm run build` first; needs HELDOUT_REDIS_URL.
// Usage: node bench/eval-shards-workers.mjs [--images 10000] [--model resnet-8] [--shards 4] [--runs 3]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dist = (p) => import(path.join(ROOT, 'dist', p));
const { openWorkspace } = await dist('store/workspace.js');
const { importDataset } = await dist('datasets/import-dataset.js');
const { formatIdx } = await dist('formats/dataset/idx.js');
const { addModel } = await dist('evaluate/add-model.js');
const { EVAL_SHARD_JOB, planEvaluationShards } = await dist('evaluate/evaluation-shards.js');
const { createBullmqQueue } = await dist('jobs/bullmq-queue.js');
const { queueOfJob } = await dist('workers/job-types.js');
const arg = (name, def) => { const i = process.argv.indexOf(name); return i < 0 ? def : process.argv[i + 1]; };
const N = Number(arg('--images', 10000));
const MODEL = arg('--model', 'resnet-8');
const SHARDS = Number(arg('--shards', 4));
const RUNS = Number(arg('--runs', 3));
const REDIS = process.env.HELDOUT_REDIS_URL;
if (!REDIS) throw new Error('set HELDOUT_REDIS_URL');

const dir = mkdtempSync(path.join(tmpdir(), 'heldout-bench-shards-'));
const prefix = `heldout-bench-${process.pid}`;
const ws = await openWorkspace(dir);
const images = gunzipSync(readFileSync(path.join(ROOT, 'data/demo/fashion-mnist/t10k-images-idx3-ubyte.gz'))).subarray(16, 16 + N * 784);
const labels = gunzipSync(readFileSync(path.join(ROOT, 'data/demo/fashion-mnist/t10k-labels-idx1-ubyte.gz'))).subarray(8, 8 + N);
writeFileSync(path.join(dir, 'i.idx'), formatIdx([N, 28, 28], images));
writeFileSync(path.join(dir, 'l.idx'), formatIdx([N], labels));
await importDataset(ws, { layout: 'idx', dataset: 'fm', split: 'test', classes: 'fashion-mnist', hidden: true, images: path.join(dir, 'i.idx'), labels: path.join(dir, 'l.idx') });
await addModel(ws, { name: MODEL, onnx: path.join(ROOT, 'data/zoo', `${MODEL}.onnx`), preset: 'fmnist-28', classes: 'fashion-mnist', mapping: 'devkit' });
const q = createBullmqQueue({ url: REDIS, prefix, route: queueOfJob });

function startWorker() {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/heldout.js'), '--data-dir', dir, 'worker', '--redis', REDIS, '--redis-prefix', prefix, '--queues', 'evaluate'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => {
    let out = '';
    child.stdout.on('data', (d) => { out += d; if (/ready/.test(out)) resolve(child); });
  });
}
const stop = (c) => new Promise((r) => { c.once('exit', r); c.kill('SIGTERM'); });

async function once(workers) {
  const { split } = { split: (await ws.store.listSplits((await ws.store.findDataset('fm')).id))[0] };
  const model = await ws.store.findModel(MODEL);
  const old = await ws.store.findEvaluation(model.id, split.id);
  if (old) await ws.store.deleteEvaluation(old.id);
  const procs = await Promise.all(Array.from({ length: workers }, startWorker));
  const shards = await planEvaluationShards(ws, { model: MODEL, dataset: 'fm', split: 'test', shards: SHARDS, chunkSize: 500 });
  const t0 = performance.now();
  const ids = await Promise.all(shards.map((s) => q.enqueue(EVAL_SHARD_JOB, { ...s, workers: 1, threads: 1 })));
  const results = await Promise.all(ids.map((id) => q.wait(id)));
  const ms = performance.now() - t0;
  await Promise.all(procs.map(stop));
  const e = await ws.store.getEvaluation(results[0].evaluationId);
  if (e.status !== 'done' || e.done !== N) throw new Error(`evaluation not complete: ${JSON.stringify(e)}`);
  return { ms, top1: e.correct_top1 };
}

const rows = [];
for (const workers of [1, 2]) {
  const runs = [];
  for (let r = 0; r < RUNS; r++) runs.push(await once(workers));
  const ms = runs.map((x) => Math.round(x.ms));
  const med = [...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)];
  rows.push({ workers, ms, median: med, imgPerS: Math.round(N / (med / 1000)), top1: runs[0].top1 });
}
console.log(JSON.stringify({ images: N, model: MODEL, shards: SHARDS, cpus: cpus().length, cpu: cpus()[0]?.model, load: loadavg().map((x) => x.toFixed(1)), rows }, null, 2));
await q.close();
await ws.close();
rmSync(dir, { recursive: true, force: true });
