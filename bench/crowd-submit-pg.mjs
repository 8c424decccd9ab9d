#!/usr/bin/env node
/* global fetch */
// Benchmark (issue 10): the crowd-submit path (next task → submit, over loopback HTTP) on PostgreSQL vs SQLite, in one
// run, same machine, same load; PostgreSQL also with two server processes on the one database (the scale-out shape).
// Servers run as child processes (bench/crowd-submit-pg-server.mjs); this process is the load: C workers looping
// "next → submit" with keep-alive. Afterwards each store is checked: every acknowledged submit is stored once with its
// votes, and no task holds more assignments than its slots.
// Run `npm run build` first. Usage: HELDOUT_PG_URL=postgres://… node bench/crowd-submit-pg.mjs [--submits 1500] [--concurrency 16] [--runs 1]
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dist = (p) => import(path.join(ROOT, 'dist', p));
const { openWorkspace } = await dist('store/workspace.js');
const { ClassSet } = await dist('classes/class-set.js');
const { createProject } = await dist('verify/create-project.js');
const { createTasks } = await dist('verify/create-tasks.js');
const { findProjectOrThrow } = await dist('verify/find-project.js');
const { addAccountWorker } = await dist('verify/workers.js');
const arg = (name, def) => { const i = process.argv.indexOf(name); return i < 0 ? def : Number(process.argv[i + 1]); };
const SUBMITS = arg('--submits', 1500);
const C = arg('--concurrency', 16);
const RUNS = arg('--runs', 1);
const PG_URL = process.env.HELDOUT_PG_URL;
if (!PG_URL) throw new Error('set HELDOUT_PG_URL, e.g. postgres://postgres@127.0.0.1:5432/test');

const quantile = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN; };
const median = (xs) => quantile(xs, 0.5);

/** A fresh PostgreSQL schema for one run, and its removal. */
function scratchSchema() {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const url = new URL(PG_URL);
  url.searchParams.set('schema', schema);
  return {
    url: url.toString(),
    drop: async () => { const c = new pg.Client({ connectionString: PG_URL }); await c.connect(); await c.query(`drop schema if exists "${schema}" cascade`); await c.end(); },
  };
}

/** One class, enough grid tasks (42 + 3 + 3 images, 10 assignments) for `submits`, and C worker accounts. */
async function setup(dir, db) {
  const ws = await openWorkspace(dir, { db });
  const now = new Date('2026-11-28T00:00:00Z');
  const classes = ClassSet.fromWnids('bench', ['n04197391', 'n03595614']).entries;
  const d = await ws.store.createDataset({ name: 'b', description: '', classSet: 'file', classes }, now);
  // Enough tasks for everyone, and for each worker to do its share (a worker never gets a task twice).
  const tasks = Math.max(Math.ceil(SUBMITS / 10) + C, Math.ceil(SUBMITS / C) + 40);
  for (const [split, n] of [['pool', tasks * 42], ['test', 60]]) {
    const s = await ws.store.createSplit(d.id, { name: split, labelsHidden: split === 'test', sourceLayout: 'bench', sourcePath: 'x' }, now);
    const shas = Array.from({ length: n }, (_, i) => `${split === 'pool' ? 'a' : 'b'}${i.toString(16).padStart(63, '0')}`);
    await ws.store.putImages(shas.map((sha256) => ({ sha256, width: 1, height: 1, format: 'png', bytes: 1, created_at: now.toISOString() })));
    await ws.store.addItems(s.id, shas.map((sha, position) => ({
      position, name: `${position}`, image_sha256: sha, wnid: split === 'pool' || position % 2 === 0 ? 'n04197391' : 'n03595614',
      source_path: null, source_url: null, license: null, date_taken: null, date_uploaded: null,
    })));
  }
  await createProject(ws.store, { name: 'bench', dataset: 'b', split: 'pool', classes: ['n04197391', 'n03595614'], controlsFrom: { dataset: 'b', split: 'test' } }, now);
  await createTasks(ws.store, await findProjectOrThrow(ws.store, 'bench'), { now, classes: ['n04197391'] });
  const tokens = [];
  for (let w = 0; w < C; w++) tokens.push((await addAccountWorker(ws.store, `load-${w}`, now)).token);
  await ws.close();
  return tokens;
}

function startServer(dir, db) {
  const child = spawn(process.execPath, [path.join(ROOT, 'bench/crowd-submit-pg-server.mjs'), dir, ...(db ? [db] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const cpu = () => new Promise((resolve) => { lines.once('line', (l) => resolve(JSON.parse(l).cpuMs)); child.kill('SIGUSR2'); });
  return new Promise((resolve, reject) => {
    lines.once('line', (line) => resolve({ child, url: JSON.parse(line).url, cpu }));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

/** C workers (worker i on server i mod #servers) loop next → submit until `total` submits are acknowledged. */
async function load(urls, tokens, total) {
  const submit = [];
  const acked = [];
  let errors = 0;
  let done = 0;
  let stop = false;
  const reasons = new Set();
  const t0 = performance.now();
  await Promise.all(tokens.map(async (token, w) => {
    const url = urls[w % urls.length];
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    while (!stop && done < total) {
      try {
        const res = await fetch(`${url}/api/crowd/projects/bench/next`, { method: 'POST', headers, body: '{}' });
        const task = await res.json();
        if (!res.ok || task.kind !== 'task') { if (task.kind === 'done') { stop = true; continue; } errors++; reasons.add(`next ${res.status} ${task.kind ?? JSON.stringify(task).slice(0, 80)}`); continue; }
        const selected = task.images.filter((_, i) => (i * 7 + done) % 10 < 3).map((img) => img.id);
        const t = performance.now();
        const r = await fetch(`${url}/api/crowd/assignments/${task.assignment.id}/submit`, { method: 'POST', headers, body: JSON.stringify({ selected, durationMs: 1000 }) });
        await r.arrayBuffer();
        submit.push(performance.now() - t);
        if (r.ok) { done++; acked.push({ id: task.assignment.id, selected: selected.length }); } else { errors++; reasons.add(`submit ${r.status}`); }
      } catch (err) {
        errors++;
        reasons.add(String(err));
      }
    }
  }));
  return { seconds: (performance.now() - t0) / 1000, submit, acked, errors, reasons: [...reasons] };
}

/** Every acknowledged submit stored once with its votes; no task over its slots. */
async function check(dir, db, acked) {
  const ws = await openWorkspace(dir, { db });
  try {
    const project = await ws.store.findCrowdProject('bench');
    const rows = new Map((await ws.store.crowdAssignments(project.id)).map((a) => [a.id, a]));
    const votes = await ws.store.crowdVotes(project.id);
    const perAssignment = new Map();
    for (const id of votes.assignmentId) perAssignment.set(id, (perAssignment.get(id) ?? 0) + 1);
    const wrong = acked.filter((a) => rows.get(a.id)?.status !== 'submitted' || (perAssignment.get(a.id) ?? 0) !== a.selected).length;
    const slots = await ws.store.crowdTaskSlots(project.id, new Date());
    const over = slots.filter((t) => t.valid + t.leased > t.maxAssignments).length;
    return { wrong, over };
  } finally {
    await ws.close();
  }
}

async function measure(label, db, servers) {
  const dir = mkdtempSync(path.join(tmpdir(), 'heldout-pg-bench-'));
  const scratch = db === 'postgres' ? scratchSchema() : undefined;
  const url = scratch?.url;
  try {
    const tokens = await setup(dir, url);
    const started = [];
    for (let i = 0; i < servers; i++) started.push(await startServer(dir, url));
    await load(started.map((s) => s.url), tokens.slice(0, 2), 20); // warm-up: JIT, caches, pool connections
    const cpu0 = await Promise.all(started.map((s) => s.cpu()));
    const r = await load(started.map((s) => s.url), tokens, SUBMITS);
    const cpu1 = await Promise.all(started.map((s) => s.cpu()));
    for (const s of started) s.child.kill('SIGTERM');
    await Promise.all(started.map((s) => new Promise((resolve) => s.child.once('exit', resolve))));
    const cpuMs = cpu1.reduce((sum, c, i) => sum + c - cpu0[i], 0);
    const ok = await check(dir, url, r.acked);
    const out = { label, perSecond: r.acked.length / r.seconds, p50: median(r.submit), p99: quantile(r.submit, 0.99), errors: r.errors, cpuPerCycle: cpuMs / r.acked.length, ...ok };
    console.log(`${label.padEnd(26)} ${out.perSecond.toFixed(0).padStart(5)} next+submit/s, submit p50 ${out.p50.toFixed(1)} ms p99 ${out.p99.toFixed(1)} ms, errors ${out.errors}, server CPU ${out.cpuPerCycle.toFixed(2)} ms/cycle; lost or wrong ${out.wrong}, tasks over slots ${out.over}${r.errors ? ` (${r.reasons.join('; ')})` : ''}`);
    return out;
  } finally {
    await scratch?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, node ${process.version}, load ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
console.log(`${SUBMITS} submits per measurement, ${C} concurrent workers, ${RUNS} run(s); PostgreSQL at ${PG_URL.replace(/\/\/[^@/]*@/, '//…@')}`);
const rows = { sqlite: [], pg: [], pg2: [] };
for (let run = 0; run < RUNS; run++) {
  rows.sqlite.push(await measure('SQLite, 1 server', 'sqlite', 1));
  rows.pg.push(await measure('PostgreSQL, 1 server', 'postgres', 1));
  rows.pg2.push(await measure('PostgreSQL, 2 servers', 'postgres', 2));
}
const m = (k, f) => median(rows[k].map((r) => r[f]));
console.log(`median: SQLite ${m('sqlite', 'perSecond').toFixed(0)}/s, PostgreSQL ${m('pg', 'perSecond').toFixed(0)}/s (2 servers ${m('pg2', 'perSecond').toFixed(0)}/s)`);
console.log(`ratio PostgreSQL / SQLite: throughput ${(m('pg', 'perSecond') / m('sqlite', 'perSecond')).toFixed(2)} (2 servers ${(m('pg2', 'perSecond') / m('sqlite', 'perSecond')).toFixed(2)}), server CPU per cycle ${(m('pg', 'cpuPerCycle') / m('sqlite', 'cpuPerCycle')).toFixed(2)}`);
