#!/usr/bin/env node
// Benchmark (issue 10): challenge-scoring job throughput with 1 vs 2 `heldout worker --queues scoring` processes on one
// Redis and one PostgreSQL store (a fresh schema on HELDOUT_PG_URL), the scale-out shape. `--store sqlite` puts the
// workspace in a SQLite file instead; SQLite is a single-process store (capabilities.multiProcess is false), and two
// scoring workers on one file fail some jobs with "database is locked" (see bench/RESULTS.md).
// Each job scores one ILSVRC-2012 Task-1 upload (50,000 lines, 5 guesses each) against 50,000 hidden labels on a
// public and a private board: the worker reads the upload from the blob store, parses it and scores it, which costs
// tens of milliseconds of CPU, against a few milliseconds of queue and store round trips, so scoring dominates.
// Uploads are stored first (parsed, blob and row written, as an upload does), outside the clock; then J jobs are
// enqueued at once and timed from the first enqueue to the last result. Workers (bin/heldout.js, `--concurrency 1`)
// are started, ready and warmed up (2 jobs each: the challenge's labels are loaded once per process) before timing.
// Run `npm run build` first; needs HELDOUT_REDIS_URL (and HELDOUT_PG_URL).
// Usage: node bench/scoring-workers.mjs [--jobs 40] [--runs 3] [--store postgres|sqlite]
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextEncoder } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';
import { addIlsvrcHiddenSplit, cpuSeconds, task1 } from './bench-common.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dist = (p) => import(path.join(ROOT, 'dist', p));
const { openWorkspace } = await dist('store/workspace.js');
const { loadBuiltinClassSet } = await dist('catalog/builtin-class-sets.js');
const { addUser } = await dist('challenges/accounts.js');
const { createChallenge } = await dist('challenges/create-challenge.js');
const { challengeEnv } = await dist('challenges/challenge-env.js');
const { validateChallengeConfig } = await dist('challenges/config/challenge-config.js');
const { loadChallenge } = await dist('challenges/load-challenge.js');
const { createTeam } = await dist('challenges/teams.js');
const { submitPredictions } = await dist('challenges/submit.js');
const { SCORE_JOB } = await dist('challenges/scoring-queue.js');
const { createBullmqQueue } = await dist('jobs/bullmq-queue.js');
const { queueOfJob } = await dist('workers/job-types.js');

const arg = (name, def) => { const i = process.argv.indexOf(name); return i < 0 ? def : process.argv[i + 1]; };
const JOBS = Number(arg('--jobs', 40));
const RUNS = Number(arg('--runs', 3));
const STORE = arg('--store', 'postgres');
const N = 50_000;
const REDIS = process.env.HELDOUT_REDIS_URL;
if (!REDIS) throw new Error('set HELDOUT_REDIS_URL, e.g. redis://127.0.0.1:6379');
if (STORE === 'postgres' && !process.env.HELDOUT_PG_URL) throw new Error('--store postgres needs HELDOUT_PG_URL');


const dir = mkdtempSync(path.join(tmpdir(), 'heldout-bench-scoring-'));
const schema = STORE === 'postgres' ? `bench_${randomBytes(6).toString('hex')}` : undefined;
const db = schema ? (() => { const u = new URL(process.env.HELDOUT_PG_URL); u.searchParams.set('schema', schema); return u.toString(); })() : undefined;
const prefix = `heldout-bench-${process.pid}`;
const ws = await openWorkspace(dir, { db });

// 50,000 hidden labels over the 1,000 ILSVRC classes, a challenge scored by top-5 error, one team.
const classes = loadBuiltinClassSet('ilsvrc2012');
const now = new Date();
const truth = await addIlsvrcHiddenSplit(ws.store, classes, N, now);
await addUser(ws.store, { name: 'host', role: 'host' }, now);
const { user } = await addUser(ws.store, { name: 'team0', role: 'participant' }, now);
const raw = {
  version: 1, name: 'scoring-bench', title: 'Scoring bench', dataset: 'ilsvrc', split: 'val', metric: 'top5-error', hosts: ['host'],
  phases: [{ name: 'test', start: '2020-01-01T00:00:00Z', end: '2100-01-01T00:00:00Z', quota: { perDay: 100000 }, splits: { public: 0.2, seed: 1 } }],
};
// Uploads are stored here without scoring: the env's queue only records which submissions wait.
const waiting = [];
const env = challengeEnv(ws, { jobs: { register() {}, enqueue: async (_type, p) => { waiting.push(p.submissionId); return 'recorded'; } } });
await createChallenge(env, { config: validateChallengeConfig(raw, 'bench'), raw, origin: 'bench', readFile: async () => new Uint8Array() });
const challenge = await loadChallenge(env, 'scoring-bench');
await createTeam(env, challenge, user, 'team 0');
// One queue (key prefix) per worker set, so the idle set never takes the other's jobs.
const queues = [1, 2].map((count) => createBullmqQueue({ url: REDIS, prefix: `${prefix}-${count}`, route: queueOfJob }));

let seed = 100;
/** Stores `n` distinct uploads, as the upload route does; returns their submission ids. */
async function storeUploads(n) {
  waiting.length = 0;
  for (let i = 0; i < n; i++) {
    const text = task1(truth, 0.5 + (seed % 40) / 100, seed++);
    await submitPredictions(env, challenge, { user, bytes: new TextEncoder().encode(text), fileName: 'task1.txt' });
  }
  return [...waiting];
}

/** Enqueues one scoring job per submission and waits for all; returns wall time and the workers' CPU time. */
async function scoreAll(ids, { q, workers }) {
  const cpu0 = workers.map((w) => cpuSeconds(w.pid));
  const self0 = process.cpuUsage();
  const t0 = performance.now();
  const jobs = await Promise.all(ids.map((submissionId) => q.enqueue(SCORE_JOB, { submissionId })));
  const results = await Promise.all(jobs.map((id) => q.wait(id)));
  const ms = performance.now() - t0;
  const self = process.cpuUsage(self0);
  const workerCpu = workers.reduce((s, w, i) => s + cpuSeconds(w.pid) - cpu0[i], 0);
  const bad = results.filter((x) => x.state !== 'finished');
  if (bad.length > 0) throw new Error(`not finished: ${JSON.stringify(bad.slice(0, 3))}: ${(await ws.store.findSubmission(bad[0].submissionId))?.error}`);
  return { ms, workerCpuMs: workerCpu * 1000, benchCpuMs: (self.user + self.system) / 1000 };
}

const started = [];
function startWorker(queuePrefix) {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/heldout.js'), '--data-dir', dir, ...(db ? ['--db', db] : []), 'worker', '--redis', REDIS, '--redis-prefix', queuePrefix, '--queues', 'scoring', '--concurrency', '1'], { stdio: ['ignore', 'pipe', 'inherit'] });
  started.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => { out += d; if (/ready/.test(out)) resolve(child); });
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}: ${out}`)));
  });
}
const stop = (c) => new Promise((res) => { c.removeAllListeners('exit'); c.once('exit', res); c.kill('SIGTERM'); });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
try {
  // Both worker sets run side by side (the idle one waits on Redis at no cost) and the runs alternate 1, 2, 1, 2 …, so
  // a drift in the machine's load from other work falls on both alike.
  const sets = await Promise.all([1, 2].map(async (count, i) => ({
    count, q: queues[i], workers: await Promise.all(Array.from({ length: count }, () => startWorker(`${prefix}-${count}`))), runs: [],
  })));
  for (const set of sets) await scoreAll(await storeUploads(2 * set.count), set); // warm-up: labels, JIT, connections
  for (let run = 0; run < RUNS; run++) {
    for (const set of sets) {
      const ids = await storeUploads(JOBS);
      const load = loadavg()[0];
      set.runs.push({ ...(await scoreAll(ids, set)), load });
    }
  }
  await Promise.all(sets.flatMap((set) => set.workers.map(stop)));
  for (const { count, runs } of sets) {
    const ms = median(runs.map((x) => x.ms));
    rows.push({
      workers: count, runsMs: runs.map((x) => Math.round(x.ms)), medianMs: Math.round(ms), jobsPerS: +(JOBS / (ms / 1000)).toFixed(1),
      workerCpuMsPerJob: +(median(runs.map((x) => x.workerCpuMs)) / JOBS).toFixed(1),
      workerCpuMsPerJobRuns: runs.map((x) => +(x.workerCpuMs / JOBS).toFixed(1)),
      benchCpuMsPerJob: +(median(runs.map((x) => x.benchCpuMs)) / JOBS).toFixed(1),
      load1: runs.map((x) => +x.load.toFixed(1)),
    });
  }
  const [one, two] = rows;
  console.log(JSON.stringify({
    store: STORE, jobs: JOBS, lines: N, runs: RUNS, cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version,
    loadAfter: loadavg().map((x) => +x.toFixed(1)), rows,
    ratio2to1: +(two.jobsPerS / one.jobsPerS).toFixed(2),
  }, null, 2));
  const subs = await ws.store.listSubmissions({ states: ['finished'] });
  const scores = await ws.store.listScores({ submissionIds: subs.map((s) => s.id) });
  if (scores.length !== 2 * subs.length || subs.some((s) => s.attempts !== 1)) throw new Error(`check failed: ${subs.length} finished, ${scores.length} scores`);
  console.log(`check: ${subs.length} submissions finished, each scored once (attempts 1, 2 scores each)`);
} finally {
  for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await Promise.all(queues.map((q) => q.close()));
  const redis = new Redis(REDIS);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}-*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
  await ws.close();
  rmSync(dir, { recursive: true, force: true });
  if (schema) {
    const c = new pg.Client({ connectionString: process.env.HELDOUT_PG_URL });
    await c.connect();
    await c.query(`drop schema if exists "${schema}" cascade`);
    await c.end();
  }
}
