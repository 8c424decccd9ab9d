#!/usr/bin/env node
// Benchmark (issue 4): a challenge with the 1,000 ILSVRC-2012 classes and 50,000 hidden labels. Time from the start of
// a 50,000-line Task-1 upload to the moment the team's row shows that submission on the leaderboard, with 20 teams
// uploading at once; and, in the same run, the latency of a bare Hono hello-world under 20 concurrent clients.
// Both servers run as child processes; this process is only the client. Run `npm run build` first.
// Usage: node bench/challenge-upload.mjs [--rounds 5] [--hello 100] [--profile DIR] [--per-request]
//   --per-request: afterwards, server CPU per request type, one request at a time (upload until scored, status,
//   leaderboard, /healthz), to see where an upload's CPU goes.
/* global fetch, FormData, Blob */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { addIlsvrcHiddenSplit, cpuSeconds, task1 } from './bench-common.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'bin/heldout.js');
const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? def : Number(process.argv[i + 1]);
};
const ROUNDS = arg('--rounds', 5);
const HELLO = arg('--hello', 100);
const TEAMS = 20;
// --profile DIR: the heldout server writes V8 CPU profiles (main thread and worker threads) into DIR.
const PROFILE_DIR = process.argv.includes('--profile') ? process.argv[process.argv.indexOf('--profile') + 1] : undefined;
const N = 50_000;
const PER_REQUEST = process.argv.includes('--per-request');

if (!existsSync(path.join(ROOT, 'dist/cli/main.js'))) {
  console.error('bench: run `npm run build` first (bin/heldout.js runs dist/)');
  process.exit(1);
}
const dist = (p) => import(path.join(ROOT, 'dist', p));

async function setUp(dir) {
  const { openWorkspace } = await dist('store/workspace.js');
  const { loadBuiltinClassSet } = await dist('catalog/builtin-class-sets.js');
  const { addUser } = await dist('challenges/accounts.js');
  const { createChallenge } = await dist('challenges/create-challenge.js');
  const { challengeEnv } = await dist('challenges/challenge-env.js');
  const { validateChallengeConfig } = await dist('challenges/config/challenge-config.js');
  const ws = await openWorkspace(dir);
  const classes = loadBuiltinClassSet('ilsvrc2012');
  const now = new Date();
  const truth = await addIlsvrcHiddenSplit(ws.store, classes, N, now);
  await addUser(ws.store, { name: 'host', role: 'host' }, now);
  const tokens = [];
  for (let t = 0; t < TEAMS; t++) tokens.push((await addUser(ws.store, { name: `team${t}`, role: 'participant' }, now)).token);
  const raw = {
    version: 1, name: 'ilsvrc-bench', title: 'ILSVRC-2012 bench', dataset: 'ilsvrc', split: 'val', metric: 'top5-error', hosts: ['host'],
    phases: [{ name: 'test', start: '2020-01-01T00:00:00Z', end: '2100-01-01T00:00:00Z', quota: { perDay: 1000 }, splits: { public: 0.2, seed: 1 } }],
  };
  await createChallenge(challengeEnv(ws), { config: validateChallengeConfig(raw, 'bench'), raw, origin: 'bench', readFile: async () => new Uint8Array() });
  await ws.close();
  return { truth, tokens };
}

function startChild(args, pattern) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => {
      err += d.toString();
      const m = pattern.exec(err);
      if (m) resolve({ child, url: m[1].replace('localhost', '127.0.0.1') });
    });
    child.on('exit', (code) => reject(new Error(`child exited ${code}: ${err}`)));
  });
}

const HELLO_SERVER = `
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
const app = new Hono();
app.get('/', (c) => c.text('Hello Hono!'));
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.error('listening at http://127.0.0.1:' + info.port));
`;

const pct = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

/** One team: upload, wait until scored, and return when the leaderboard (recomputed afterwards) has the team's row. */
async function uploadToRow(url, token, team, body) {
  const t0 = process.hrtime.bigint();
  const form = new FormData();
  form.append('file', new Blob([body]), 'task1.txt');
  const auth = { authorization: `Bearer ${token}` };
  const res = await fetch(`${url}/api/challenges/ilsvrc-bench/submissions`, { method: 'POST', headers: auth, body: form });
  if (res.status !== 202) throw new Error(`upload: ${res.status} ${await res.text()}`);
  const { id } = await res.json();
  for (;;) {
    // ?wait= answers when scoring ends, so the timing has no polling delay and the server no polling load.
    const s = await (await fetch(`${url}/api/challenges/ilsvrc-bench/submissions/${id}?wait=30`, { headers: auth })).json();
    if (s.status === 'failed') throw new Error(`submission ${id} failed: ${s.error}`);
    if (s.status === 'finished') break;
  }
  // The row shows the team's best submission (a worse later upload keeps the earlier one's row).
  const board = await (await fetch(`${url}/api/challenges/ilsvrc-bench/leaderboard`)).json();
  if (!board.rows.some((r) => r.team === team)) throw new Error(`no leaderboard row for ${team}`);
  return ms(t0);
}

/** Server CPU (all its threads) and wall time per request, each request sent alone and answered before the next. */
async function cpuPerRequest({ url, child }, tokens, truth) {
  // Files no team has sent yet (a repeat would be answered as a duplicate and not scored).
  const files = Array.from({ length: 40 }, (_, i) => task1(truth, 0.6 + (i % 30) / 100, 10_000 + i));
  const auth = (i) => ({ authorization: `Bearer ${tokens[i % tokens.length]}` });
  const lines = [];
  const measure = async (label, n, send) => {
    const cpu0 = cpuSeconds(child.pid);
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await send(i);
    lines.push(`per request, one at a time: ${label}: ${(((cpuSeconds(child.pid) - cpu0) * 1000) / n).toFixed(2)} ms server CPU, ${((performance.now() - t0) / n).toFixed(2)} ms wall (${n} requests)`);
  };
  let last = 0;
  const status = async (id, i) => (await fetch(`${url}/api/challenges/ilsvrc-bench/submissions/${id}?wait=30`, { headers: auth(i) })).json();
  await measure('upload, then status until scored', 40, async (i) => {
    const form = new FormData();
    form.append('file', new Blob([files[i]]), 'task1.txt');
    const { id } = await (await fetch(`${url}/api/challenges/ilsvrc-bench/submissions`, { method: 'POST', headers: auth(i), body: form })).json();
    last = i;
    while ((await status(id, i)).status !== 'finished');
  });
  const lastId = (await (await fetch(`${url}/api/challenges/ilsvrc-bench/submissions`, { headers: auth(last) })).json()).submissions.at(-1).id;
  await measure('status of a finished submission', 200, () => status(lastId, last));
  await measure('public leaderboard', 200, async () => (await fetch(`${url}/api/challenges/ilsvrc-bench/leaderboard`)).json());
  await measure('/healthz', 200, async () => (await fetch(`${url}/healthz`)).text());
  return lines;
}

const dir = mkdtempSync(path.join(tmpdir(), 'heldout-bench-challenge-'));
try {
  console.error('setting up 50,000 labels over 1,000 classes, 20 teams …');
  const { truth, tokens } = await setUp(dir);
  const files = Array.from({ length: TEAMS * ROUNDS }, (_, i) => task1(truth, 0.6 + (i % 30) / 100, 100 + i));
  const heldout = await startChild([...(PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR] : []), BIN, '--data-dir', dir, 'serve', '--port', '0'], /at (http:\/\/\S+)/);
  const hello = await startChild(['--input-type=module', '-e', HELLO_SERVER], /at (http:\/\/\S+)/);
  for (const [t, token] of tokens.entries()) {
    const r = await fetch(`${heldout.url}/api/challenges/ilsvrc-bench/teams`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: `team ${t}` }) });
    if (r.status !== 201) throw new Error(`team: ${r.status}`);
  }
  await uploadToRow(heldout.url, tokens[0], 'team 0', task1(truth, 0.5, 7)); // warm-up (JIT, caches)
  const upload = [];
  const cpu0 = cpuSeconds(heldout.child.pid);
  for (let round = 0; round < ROUNDS; round++) {
    upload.push(...(await Promise.all(tokens.map((tok, t) => uploadToRow(heldout.url, tok, `team ${t}`, files[round * TEAMS + t])))));
  }
  const cpuPerUpload = ((cpuSeconds(heldout.child.pid) - cpu0) * 1000) / (ROUNDS * TEAMS);
  const helloLat = [];
  await Promise.all(Array.from({ length: 20 }, async () => {
    for (let i = 0; i < HELLO; i++) {
      const t0 = process.hrtime.bigint();
      await (await fetch(hello.url)).text();
      helloLat.push(ms(t0));
    }
  }));
  const perRequest = PER_REQUEST ? await cpuPerRequest(heldout, tokens, truth) : [];
  heldout.child.kill('SIGTERM');
  hello.child.kill('SIGTERM');
  const row = (name, xs) => `| ${name} | ${xs.length} | ${pct(xs, 0.5).toFixed(1)} ms | ${pct(xs, 0.99).toFixed(1)} ms |`;
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, node ${process.version}, load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  console.log('| measurement | samples | p50 | p99 |\n|---|---|---|---|');
  console.log(row(`upload → leaderboard row, 50,000-line Task-1 file, ${TEAMS} concurrent uploads`, upload));
  console.log(row('Hono hello-world GET, 20 concurrent clients', helloLat));
  console.log(`server CPU per upload (upload, parse, store, score, status and leaderboard requests): ${cpuPerUpload.toFixed(0)} ms`);
  for (const line of perRequest) console.log(line);
  console.log(`ratio p50 upload/hello: ${(pct(upload, 0.5) / pct(helloLat, 0.5)).toFixed(0)}×; p99: ${(pct(upload, 0.99) / pct(helloLat, 0.99)).toFixed(0)}×`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
// The children's stderr pipes would keep this process waiting for their graceful shutdown.
process.exit(0);
