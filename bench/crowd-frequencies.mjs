#!/usr/bin/env node
// Benchmark: selection frequencies over 15,000,000 image-votes (issue 5 goal: ≤ 2 s).
// 1. The pure core (dist/verify/core) on 15M image-vote rows (typed arrays), and on the same data in the stored shape
//    (tasks × assignments + selections only), against numpy bincount on the same columns (bench/crowd-frequencies.py).
// 2. The whole path from a SQLite workspace (`frequencyTable`: store reads + core + Wilson intervals) at ImageNetV2's
//    scale (6,510 tasks × 48 images × 10 assignments ≈ 3.1M image-votes) and at 15M image-votes.
// Run `npm run build` first. Usage: node bench/crowd-frequencies.mjs [--runs 5] [--skip-store] [--skip-core]
//   [--workspace DIR] (keeps the 15M workspace in DIR and reuses it on later runs; only the 15M store path is timed)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 as rng } from './bench-common.mjs';
import { resolvePython } from './python.mjs';
import Database from 'better-sqlite3';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dist = (p) => import(path.join(ROOT, 'dist', p));
const { frequenciesFromImageVotes, frequenciesFromTasks } = await dist('verify/core/index.js');
const { openWorkspace } = await dist('store/workspace.js');
const { frequencyTable } = await dist('verify/frequency-rows.js');
const { findProjectOrThrow } = await dist('verify/find-project.js');
const { packTaskSlots, selectionsText } = await dist('store/queries/crowd-task-slots.js');
const arg = (name, def) => { const i = process.argv.indexOf(name); return i < 0 ? def : Number(process.argv[i + 1]); };
const RUNS = arg('--runs', 5);
const SKIP_STORE = process.argv.includes('--skip-store');
const SKIP_CORE = process.argv.includes('--skip-core');
const KEEP_DIR = process.argv.includes('--workspace') ? process.argv[process.argv.indexOf('--workspace') + 1] : undefined;
if (KEEP_DIR) mkdirSync(KEEP_DIR, { recursive: true });

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const time = (fn, runs) => {
  fn(); // warm-up
  const ms = [];
  let out;
  for (let r = 0; r < runs; r++) { const t = performance.now(); out = fn(); ms.push(performance.now() - t); }
  return { median: median(ms), ms, out };
};

/** ImageNetV2-shaped study: tasks of 48 images, 10 assignments each, 95% valid, each image selected with p ∈ U(0, 1). */
function study(tasks, seed) {
  const random = rng(seed);
  const A = tasks * 10;
  const N = A * 48;
  const pairP = Float64Array.from({ length: tasks * 48 }, () => random());
  const pair = new Int32Array(N);
  const assignment = new Int32Array(N);
  const selected = new Uint8Array(N);
  const valid = new Uint8Array(A);
  for (let a = 0; a < A; a++) valid[a] = random() < 0.95 ? 1 : 0;
  let v = 0;
  for (let a = 0; a < A; a++) {
    const t = Math.floor(a / 10);
    for (let j = 0; j < 48; j++, v++) {
      pair[v] = t * 48 + j;
      assignment[v] = a;
      selected[v] = random() < pairP[t * 48 + j] ? 1 : 0;
    }
  }
  return { tasks, A, N, pairCount: tasks * 48, pair, assignment, selected, valid };
}

function storedShape(s) {
  const taskStart = Int32Array.from({ length: s.tasks + 1 }, (_, t) => t * 48);
  const taskImagePair = Int32Array.from({ length: s.tasks * 48 }, (_, i) => i);
  const assignmentTask = Int32Array.from({ length: s.A }, (_, a) => Math.floor(a / 10));
  let n = 0;
  for (let i = 0; i < s.N; i++) n += s.selected[i];
  const voteAssignment = new Int32Array(n);
  const voteTaskImage = new Int32Array(n);
  for (let i = 0, k = 0; i < s.N; i++) if (s.selected[i]) { voteAssignment[k] = s.assignment[i]; voteTaskImage[k++] = s.pair[i]; }
  return { pairCount: s.pairCount, taskStart, taskImagePair, assignmentTask, assignmentValid: s.valid, voteAssignment, voteTaskImage };
}

const checksum = (c) => { let a = 0, b = 0; for (let i = 0; i < c.shown.length; i++) { a += c.shown[i]; b += c.selected[i]; } return a * 1_000_003 + b; };

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, node ${process.version}, load ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
// In a function, so that its 15M-row arrays are garbage before the store path is timed (V8 counts retained
// ArrayBuffers towards its collection triggers, which would charge the store path for them).
function core() {
  const big = study(31_250, 1); // 31,250 tasks × 48 × 10 = 15,000,000 image-votes
  console.log(`core: ${big.N.toLocaleString('en-US')} image-votes, ${big.A.toLocaleString('en-US')} assignments, ${big.pairCount.toLocaleString('en-US')} (image, class) pairs`);
  const rows = time(() => frequenciesFromImageVotes({ pairCount: big.pairCount, pair: big.pair, assignment: big.assignment, selected: big.selected, assignmentValid: big.valid }), RUNS);
  const shape = storedShape(big);
  const compact = time(() => frequenciesFromTasks(shape), RUNS);
  if (checksum(rows.out) !== checksum(compact.out)) throw new Error('the two input shapes disagree');

  const dir = mkdtempSync(path.join(tmpdir(), 'heldout-freq-bench-'));
  try {
    writeFileSync(path.join(dir, 'pair.i32'), big.pair);
    writeFileSync(path.join(dir, 'assignment.i32'), big.assignment);
    writeFileSync(path.join(dir, 'selected.u8'), big.selected);
    writeFileSync(path.join(dir, 'valid.u8'), big.valid);
    writeFileSync(path.join(dir, 'meta.json'), JSON.stringify({ pairCount: big.pairCount }));
    const PYTHON = resolvePython();
    console.log(`  numpy side: ${PYTHON}`);
    const py = spawnSync(PYTHON, [path.join(ROOT, 'bench/crowd-frequencies.py'), dir, String(RUNS)], { encoding: 'utf8' });
    if (py.status !== 0) throw new Error(py.stderr);
    const numpy = JSON.parse(py.stdout);
    if (numpy.checksum !== checksum(rows.out)) throw new Error(`numpy disagrees: ${numpy.checksum} vs ${checksum(rows.out)}`);
    console.log(`  core, image-vote rows (15M):        median ${rows.median.toFixed(0)} ms  [${rows.ms.map((x) => x.toFixed(0)).join(', ')}]`);
    console.log(`  core, stored shape (${shape.voteAssignment.length.toLocaleString('en-US')} selections): median ${compact.median.toFixed(0)} ms  [${compact.ms.map((x) => x.toFixed(0)).join(', ')}]`);
    console.log(`  numpy bincount (peer, same rows):   median ${numpy.medianMs.toFixed(0)} ms  [${numpy.runsMs.map((x) => x.toFixed(0)).join(', ')}]`);
    console.log(`  ratio ours/numpy: rows ${(rows.median / numpy.medianMs).toFixed(2)}, stored shape ${(compact.median / numpy.medianMs).toFixed(2)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (!SKIP_CORE) core();

if (!SKIP_STORE) {
  for (const tasks of KEEP_DIR ? [31_250] : [6_510, 31_250]) await storePath(tasks);
}

/**
 * Builds a workspace holding one study (bulk rows through the driver: the bench measures reading, not writing), with
 * what task creation and submits store besides the rows (migration 0011): pair ids, packed task slots, packed selections.
 */
async function storePath(tasks) {
  const dir = KEEP_DIR ?? mkdtempSync(path.join(tmpdir(), 'heldout-freq-store-'));
  try {
    const { s, build } = KEEP_DIR && existsSync(path.join(dir, 'heldout.db')) ? { s: studySizes(tasks), build: 0 } : await buildWorkspace(dir, tasks);
    const ws2 = await openWorkspace(dir);
    const loaded = await findProjectOrThrow(ws2.store, 'p');
    const ms = [];
    const cpu = [];
    const rowsMs = [];
    let n = 0;
    let sums = '';
    for (let r = 0; r < Math.min(RUNS, 3); r++) {
      const t = performance.now();
      const c = process.cpuUsage();
      const table = await frequencyTable(ws2.store, loaded);
      const used = process.cpuUsage(c);
      ms.push(performance.now() - t);
      cpu.push((used.user + used.system) / 1000);
      n = table.length;
      let shown = 0;
      let selected = 0;
      let withFrequency = 0;
      for (let i = 0; i < n; i++) {
        shown += table.shown[i];
        selected += table.selected[i];
        if (!Number.isNaN(table.frequency[i])) withFrequency++;
      }
      sums = `Σ shown ${shown.toLocaleString('en-US')}, Σ selected ${selected.toLocaleString('en-US')}, ${withFrequency.toLocaleString('en-US')} with a frequency`;
      if (r < Math.min(RUNS, 3) - 1) continue;
      // Rows as objects (image key, class, counts, interval, roles, items) are made on demand: timed apart, once, after
      // the timed runs, so their million objects do not burden the collector during them.
      const t2 = performance.now();
      let keyChars = 0;
      for (const row of table.rows) keyChars += row.image.length;
      rowsMs.push(performance.now() - t2);
      if (keyChars !== n * 64) throw new Error(`image keys: ${keyChars} characters`);
    }
    await ws2.close();
    const list = (xs) => xs.map((x) => x.toFixed(0)).join(', ');
    const cli = tasks === 31_250 ? cliRuns(dir, n) : undefined;
    console.log(`store path, ${s.N.toLocaleString('en-US')} image-votes (${tasks.toLocaleString('en-US')} tasks, ${s.A.toLocaleString('en-US')} assignments; built in ${(build / 1000).toFixed(0)} s): frequencyTable median ${median(cpu).toFixed(0)} ms CPU [${list(cpu)}], ${median(ms).toFixed(0)} ms wall [${list(ms)}] for ${n.toLocaleString('en-US')} pairs (${sums}; load ${loadavg()[0].toFixed(1)}); then all ${n.toLocaleString('en-US')} rows as objects: ${list(rowsMs)} ms wall`);
    if (cli) console.log(`  CLI, \`heldout crowd frequencies --csv > file\` (process start, read, sort, ${n.toLocaleString('en-US')} rows, ${(cli.bytes / 1e6).toFixed(0)} MB): median ${median(cli.ms).toFixed(0)} ms wall [${list(cli.ms)}]`);
  } finally {
    if (!KEEP_DIR) rmSync(dir, { recursive: true, force: true });
  }
}

/** The whole command as a user runs it, output to a file; checks the file has a header and one line per pair. */
function cliRuns(dir, pairs) {
  const out = path.join(dir, 'frequencies.csv');
  const ms = [];
  for (let r = 0; r < Math.min(RUNS, 3); r++) {
    const fd = openSync(out, 'w');
    const t = performance.now();
    const res = spawnSync(process.execPath, [path.join(ROOT, 'bin/heldout.js'), '--data-dir', dir, 'crowd', 'frequencies', '--csv'], { stdio: ['ignore', fd, 'inherit'] });
    ms.push(performance.now() - t);
    closeSync(fd);
    if (res.status !== 0) throw new Error(`heldout crowd frequencies exited ${res.status}`);
  }
  const text = readFileSync(out, 'latin1');
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  if (lines !== pairs + 1) throw new Error(`CLI printed ${lines} lines for ${pairs} pairs`);
  rmSync(out);
  return { ms, bytes: text.length };
}

/** The sizes `study` reports, without generating it (for a kept workspace). */
function studySizes(tasks) {
  return { N: tasks * 48 * 10, A: tasks * 10 };
}

/** Image keys as stored images have them: the sha256 of the content (here of a name), so keys look random. */
function shaOf(i) {
  return createHash('sha256').update(`image ${i}`).digest('hex');
}

/** Writes the study's rows into a new workspace in `dir`; returns its sizes (the generated arrays are dropped). */
async function buildWorkspace(dir, tasks) {
  const s = study(tasks, 2);
  const ws = await openWorkspace(dir);
  await ws.close();
  const db = new Database(path.join(dir, 'heldout.db'));
  db.pragma('journal_mode = WAL');
  const t0 = performance.now();
  const now = '2026-11-28T00:00:00.000Z';
  db.transaction(() => {
    db.prepare("insert into datasets (id, name, description, class_set, created_at) values (1, 'd', '', 'x', ?)").run(now);
    db.prepare("insert into dataset_classes (dataset_id, wnid, devkit_id, idx, name) values (1, 'n04197391', 1, 0, 'shirt')").run();
    db.prepare("insert into splits (id, dataset_id, name, labels_hidden, source_layout, source_path, created_at) values (1, 1, 'pool', 0, 'x', 'x', ?)").run(now);
    const img = db.prepare("insert into images (sha256, width, height, format, bytes, created_at) values (?, 1, 1, 'png', 1, ?)");
    const item = db.prepare("insert into items (id, split_id, position, name, image_sha256, wnid) values (?, 1, ?, ?, ?, 'n04197391')");
    for (let i = 0; i < s.pairCount; i++) {
      const sha = shaOf(i);
      img.run(sha, now);
      item.run(i + 1, i, `i${i}`, sha);
    }
    db.prepare("insert into crowd_projects (id, name, dataset_id, pool_split_id, controls_split_id, settings, created_at) values (1, 'p', 1, 1, null, '{}', ?)").run(now);
    db.prepare("insert into crowd_project_classes (project_id, wnid, negative_wnid, position) values (1, 'n04197391', null, 0)").run();
    const task = db.prepare("insert into crowd_tasks (id, project_id, wnid, kind, max_assignments, created_at) values (?, 1, 'n04197391', 'grid', 10, ?)");
    const ti = db.prepare("insert into crowd_task_images (id, task_id, position, public_id, role, item_id, image_sha256, image_key, pair_id) values (?, ?, ?, ?, 'candidate', ?, ?, ?, ?)");
    const pair = db.prepare("insert into crowd_pairs (id, project_id, wnid, image_key) values (?, 1, 'n04197391', ?)");
    const slots = db.prepare('insert into crowd_task_slots (task_id, packed) values (?, ?)');
    for (let t = 0; t < s.tasks; t++) {
      task.run(t + 1, now);
      const packed = [];
      for (let j = 0; j < 48; j++) {
        const i = t * 48 + j;
        const sha = shaOf(i);
        pair.run(i + 1, sha);
        ti.run(i + 1, t + 1, j, `p${i}`, i + 1, sha, sha, i + 1);
        packed.push({ pairId: i + 1, role: 'candidate', itemId: i + 1, itemSplitId: 1, itemRef: `d/pool/i${i}`, imageKey: sha, imageSha256: sha });
      }
      slots.run(t + 1, packTaskSlots(packed));
    }
    const worker = db.prepare("insert into crowd_workers (id, name, kind, simulated, blocked, created_at) values (?, ?, 'simulated', 1, 0, ?)");
    for (let w = 0; w < 10; w++) worker.run(w + 1, `w${w}`, now);
    const asg = db.prepare('insert into crowd_assignments (id, task_id, worker_id, status, accepted_at, submitted_at, selections) values (?, ?, ?, ?, ?, ?, ?)');
    for (let a = 0; a < s.A; a++) {
      const positions = [];
      for (let j = 0; j < 48; j++) if (s.selected[a * 48 + j]) positions.push(j);
      asg.run(a + 1, Math.floor(a / 10) + 1, (a % 10) + 1, s.valid[a] ? 'submitted' : 'rejected', now, now, selectionsText(positions));
    }
    const vote = db.prepare('insert into crowd_votes (assignment_id, task_image_id) values (?, ?)');
    for (let i = 0; i < s.N; i++) if (s.selected[i]) vote.run(s.assignment[i] + 1, s.pair[i] + 1);
  })();
  db.close();
  return { s: { N: s.N, A: s.A }, build: performance.now() - t0 };
}
