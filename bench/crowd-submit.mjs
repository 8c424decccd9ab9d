#!/usr/bin/env node
/* global fetch */
// Benchmark: assignment submits over loopback on SQLite (issue 5 goal: ≥ 500 submits/s, p99 < 50 ms, 0 errors), and
// kill -9 of the server under that load: after a restart every acknowledged submit is present, none doubled.
// The server runs in a child process (bench/crowd-submit-server.mjs); this process is the load: C workers, each
// looping "next task → submit" (selecting ~30% of 48 images) through fetch with keep-alive. Peer: the same server's
// GET /healthz (Hono + @hono/node-server, no database) at the same concurrency: the HTTP ceiling on this machine.
// Run `npm run build` first. Usage: node bench/crowd-submit.mjs [--submits 4000] [--concurrency 16] [--runs 3] [--profile DIR]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dist = (p) => import(path.join(ROOT, 'dist', p));
const { openWorkspace } = await dist('store/workspace.js');
const { ClassSet } = await dist('classes/class-set.js');
const { createProject } = await dist('verify/create-project.js');
const { createTasks } = await dist('verify/create-tasks.js');
const { findProjectOrThrow } = await dist('verify/find-project.js');
const { addAccountWorker } = await dist('verify/workers.js');
// --profile DIR: the server writes a V8 CPU profile into DIR when it exits.
const PROFILE_DIR = process.argv.includes('--profile') ? process.argv[process.argv.indexOf('--profile') + 1] : undefined;
const arg = (name, def) => { const i = process.argv.indexOf(name); return i < 0 ? def : Number(process.argv[i + 1]); };
const SUBMITS = arg('--submits', 4000);
const C = arg('--concurrency', 16);
const RUNS = arg('--runs', 3);

const quantile = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN; };
const median = (xs) => quantile(xs, 0.5);

/** A workspace with one class, enough grid tasks (42 + 3 + 3, 10 assignments) for `submits`, and C worker accounts. */
async function setup(dir, submits, workers = C) {
  const ws = await openWorkspace(dir);
  const now = new Date('2026-11-28T00:00:00Z');
  const classes = ClassSet.fromWnids('bench', ['n04197391', 'n03595614']).entries;
  const d = await ws.store.createDataset({ name: 'b', description: '', classSet: 'file', classes }, now);
  const tasks = Math.ceil(submits / 10) + workers;
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
  const loaded = await findProjectOrThrow(ws.store, 'bench');
  await createTasks(ws.store, loaded, { now, classes: ['n04197391'] });
  const tokens = [];
  for (let w = 0; w < workers; w++) tokens.push((await addAccountWorker(ws.store, `load-${w}`, now)).token);
  await ws.close();
  return tokens;
}

function startServer(dir) {
  const child = spawn(process.execPath, [...(PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR] : []), path.join(ROOT, 'bench/crowd-submit-server.mjs'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const cpu = () => new Promise((resolve) => { lines.once('line', (l) => resolve(JSON.parse(l).cpuMs)); child.kill('SIGUSR2'); });
  return new Promise((resolve, reject) => {
    lines.once('line', (line) => resolve({ child, url: JSON.parse(line).url, cpu }));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

/** C workers loop next → submit until `total` submits are acknowledged (or the server goes away when `untilError`). */
async function load(url, tokens, total, { untilError = false } = {}) {
  const next = [];
  const submit = [];
  const acked = [];
  let errors = 0;
  let done = 0;
  let stop = false;
  const t0 = performance.now();
  await Promise.all(tokens.map(async (token) => {
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    while (!stop && done < total) {
      try {
        let t = performance.now();
        const res = await fetch(`${url}/api/crowd/projects/bench/next`, { method: 'POST', headers, body: '{}' });
        const task = await res.json();
        next.push(performance.now() - t);
        if (!res.ok || task.kind !== 'task') { errors++; if (!untilError && task.kind === 'done') stop = true; continue; }
        const selected = task.images.filter((_, i) => (i * 7 + done) % 10 < 3).map((img) => img.id);
        t = performance.now();
        const r = await fetch(`${url}/api/crowd/assignments/${task.assignment.id}/submit`, { method: 'POST', headers, body: JSON.stringify({ selected, durationMs: 1000 }) });
        await r.arrayBuffer();
        submit.push(performance.now() - t);
        if (r.ok) { done++; acked.push({ id: task.assignment.id, selected: selected.length }); } else errors++;
      } catch {
        errors++;
        if (untilError) stop = true;
      }
    }
  }));
  return { seconds: (performance.now() - t0) / 1000, next, submit, acked, errors };
}

/**
 * Submits alone: all W workers lease a task (next), then the W submits go out C at a time; repeated until `total`.
 * Only the submit phases are timed (and their server CPU, via `cpu`).
 */
async function submitPhases(url, tokens, total, cpu) {
  const lat = [];
  let seconds = 0;
  let cpuMs = 0;
  let errors = 0;
  let submitted = 0;
  const pool = async (items, work) => { let i = 0; await Promise.all(Array.from({ length: C }, async () => { while (i < items.length) await work(items[i++]); })); };
  while (submitted < total) {
    const leases = [];
    await pool(tokens, async (token) => {
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const task = await (await fetch(`${url}/api/crowd/projects/bench/next`, { method: 'POST', headers, body: '{}' })).json();
      if (task.kind === 'task') leases.push({ headers, task });
    });
    if (leases.length === 0) break;
    const c0 = await cpu();
    const t0 = performance.now();
    await pool(leases, async ({ headers, task }) => {
      const selected = task.images.filter((_, i) => (i * 7 + submitted) % 10 < 3).map((img) => img.id);
      const t = performance.now();
      const r = await fetch(`${url}/api/crowd/assignments/${task.assignment.id}/submit`, { method: 'POST', headers, body: JSON.stringify({ selected, durationMs: 1000 }) });
      await r.arrayBuffer();
      lat.push(performance.now() - t);
      if (r.ok) submitted++; else errors++;
    });
    seconds += (performance.now() - t0) / 1000;
    cpuMs += (await cpu()) - c0;
  }
  return { perSecond: submitted / seconds, p50: median(lat), p99: quantile(lat, 0.99), errors, cpuPerSubmit: cpuMs / submitted, submitted };
}

async function healthz(url, n) {
  const lat = [];
  let i = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: C }, async () => {
    while (i++ < n) { const t = performance.now(); await (await fetch(`${url}/healthz`)).arrayBuffer(); lat.push(performance.now() - t); }
  }));
  return { perSecond: n / ((performance.now() - t0) / 1000), p99: quantile(lat, 0.99) };
}

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, node ${process.version}, load ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
console.log(`${SUBMITS} submits per run, ${C} concurrent workers, ${RUNS} runs (fresh workspace each)`);
const results = [];
for (let run = 0; run < RUNS; run++) {
  const dir = mkdtempSync(path.join(tmpdir(), 'heldout-submit-bench-'));
  try {
    const tokens = await setup(dir, SUBMITS);
    const { child, url, cpu } = await startServer(dir);
    await load(url, tokens.slice(0, 2), 20); // warm-up: JIT, SQLite page cache
    const cpu0 = await cpu();
    const r = await load(url, tokens, SUBMITS);
    const cpu1 = await cpu();
    const peer = await healthz(url, SUBMITS * 2);
    const cpu2 = await cpu();
    child.kill('SIGTERM');
    // Submits alone, on a second fresh workspace with 256 workers (leases taken first, untimed).
    const dir2 = mkdtempSync(path.join(tmpdir(), 'heldout-submit-bench-'));
    let sub;
    try {
      const tokens2 = await setup(dir2, SUBMITS, 256);
      const srv = await startServer(dir2);
      await load(srv.url, tokens2.slice(0, 2), 20);
      sub = await submitPhases(srv.url, tokens2, SUBMITS, srv.cpu);
      srv.child.kill('SIGTERM');
    } finally {
      rmSync(dir2, { recursive: true, force: true });
    }
    const s = {
      submitsPerSecond: r.acked.length / r.seconds, submitP50: median(r.submit), submitP99: quantile(r.submit, 0.99), nextP99: quantile(r.next, 0.99), errors: r.errors,
      healthzPerSecond: peer.perSecond, healthzP99: peer.p99, cpuPerCycle: (cpu1 - cpu0) / r.acked.length, cpuPerHealthz: (cpu2 - cpu1) / (SUBMITS * 2),
      submitOnlyPerSecond: sub.perSecond, submitOnlyP50: sub.p50, submitOnlyP99: sub.p99, submitOnlyErrors: sub.errors, cpuPerSubmit: sub.cpuPerSubmit,
    };
    results.push(s);
    console.log(`run ${run + 1}: ${s.submitsPerSecond.toFixed(0)} submits/s (each with its next-task call), submit p50 ${s.submitP50.toFixed(1)} ms p99 ${s.submitP99.toFixed(1)} ms, next p99 ${s.nextP99.toFixed(1)} ms, errors ${s.errors}; server CPU ${s.cpuPerCycle.toFixed(2)} ms per next+submit; peer GET /healthz ${s.healthzPerSecond.toFixed(0)} req/s p99 ${s.healthzP99.toFixed(1)} ms, ${s.cpuPerHealthz.toFixed(3)} ms CPU each`);
    console.log(`       submits alone (leases taken first): ${s.submitOnlyPerSecond.toFixed(0)} submits/s, p50 ${s.submitOnlyP50.toFixed(1)} ms, p99 ${s.submitOnlyP99.toFixed(1)} ms, errors ${s.submitOnlyErrors}, server CPU ${s.cpuPerSubmit.toFixed(2)} ms per submit`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const m = (k) => median(results.map((r) => r[k]));
console.log(`median, submits alone: ${m('submitOnlyPerSecond').toFixed(0)} submits/s, p99 ${m('submitOnlyP99').toFixed(1)} ms, server CPU ${m('cpuPerSubmit').toFixed(2)} ms per submit (→ ${(1000 / m('cpuPerSubmit')).toFixed(0)} submits/s per free core)`);
console.log(`median: ${m('submitsPerSecond').toFixed(0)} submits/s, submit p99 ${m('submitP99').toFixed(1)} ms, errors ${results.reduce((s, r) => s + r.errors, 0)}; server CPU ${m('cpuPerCycle').toFixed(2)} ms per next+submit (→ ${(1000 / m('cpuPerCycle')).toFixed(0)} cycles/s per free core); healthz ${m('healthzPerSecond').toFixed(0)} req/s → submit cycles / healthz = ${(m('submitsPerSecond') / m('healthzPerSecond')).toFixed(2)}`);

// kill -9 under load, restart, check every acknowledged submit.
{
  const dir = mkdtempSync(path.join(tmpdir(), 'heldout-kill-bench-'));
  try {
    const tokens = await setup(dir, SUBMITS);
    const first = await startServer(dir);
    const killer = setTimeout(() => first.child.kill('SIGKILL'), 1500);
    const r = await load(first.url, tokens, Infinity, { untilError: true });
    clearTimeout(killer);
    const second = await startServer(dir);
    const ws = await openWorkspace(dir);
    const project = await ws.store.findCrowdProject('bench');
    const rows = await ws.store.crowdAssignments(project.id);
    const votes = await ws.store.crowdVotes(project.id);
    const perAssignment = new Map();
    for (const a of votes.assignmentId) perAssignment.set(a, (perAssignment.get(a) ?? 0) + 1);
    const byId = new Map(rows.map((a) => [a.id, a]));
    const missing = r.acked.filter((a) => byId.get(a.id)?.status !== 'submitted');
    const wrong = r.acked.filter((a) => (perAssignment.get(a.id) ?? 0) !== a.selected);
    const partial = rows.filter((a) => a.status !== 'submitted' && perAssignment.has(a.id));
    const after = await load(second.url, tokens, 200);
    second.child.kill('SIGTERM');
    await ws.close();
    console.log(`kill -9 after 1.5 s under load: ${r.acked.length} submits acknowledged; after restart ${r.acked.length - missing.length} present as submitted, ${wrong.length} with a wrong vote count, ${partial.length} unacknowledged half-writes; restarted server took ${after.acked.length} more submits with ${after.errors} errors`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
