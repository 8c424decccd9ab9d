#!/usr/bin/env node
// Study report benchmark (issue 9): 300 models × 3 test sets (the original and two new ones) × 10,000 images with
// per-image predictions, 10,000 bootstrap resamples. Times building the report for every new set (fit + band,
// per-model intervals and effective robustness, image-level mean drop, rank correlations, decomposition, the
// 300 × 300 agreement matrix) and rendering it as JSON, Markdown and HTML, in process, against the numpy/scipy
// equivalent bench/study-report.py on the same data in the same run; prints medians and the ratio.
//
//   npm run build && node bench/study-report.mjs [--runs 3] [--models 300] [--images 10000] [--resamples 10000]
//
// Goal: ≤ 10 s for the whole study on the 2-core development machine. Results are recorded in bench/RESULTS.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import process from 'node:process';
import console from 'node:console';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, URL } from 'node:url';
import { resolvePython } from './python.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const RUNS = Number(args.runs ?? 3);
const MODELS = Number(args.models ?? 300);
const IMAGES = Number(args.images ?? 10000);
const RESAMPLES = Number(args.resamples ?? 10000);
const CLASSES = 1000;
const SETS = ['original:test', 'new-a:test', 'new-b:test'];

if (!existsSync(path.join(ROOT, 'dist/analyze/core/build-study-report.js'))) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(2);
}
const { buildStudyReport } = await import(path.join(ROOT, 'dist/analyze/core/build-study-report.js'));
const { REPORT_FORMATS } = await import(path.join(ROOT, 'dist/analyze/render-study.js'));
const { seededRng } = await import(path.join(ROOT, 'dist/stats/index.js'));

// --- data: model m has skill s_m; on set j (harder for the new sets) it is right on image i with probability
// Φ-like p = clamp(s_m − shift_j); wrong guesses depend mostly on the image, so models agree beyond chance.
const rng = seededRng(20261128);
const skill = Array.from({ length: MODELS }, () => 0.5 + 0.45 * rng.next());
const labels = [];
const preds = [];
const counts = [];
for (const [j, set] of SETS.entries()) {
  const lab = Int32Array.from({ length: IMAGES }, () => rng.int(CLASSES));
  const confuse = Int32Array.from({ length: IMAGES }, () => rng.int(CLASSES - 1));
  labels.push(lab);
  const shift = [0, 0.08, 0.03][j];
  const setPreds = [];
  for (let m = 0; m < MODELS; m++) {
    const p = Math.min(0.995, Math.max(0.01, skill[m] - shift));
    const t = new Int32Array(IMAGES);
    let c = 0;
    for (let i = 0; i < IMAGES; i++) {
      if (rng.next() < p) { t[i] = lab[i]; c++; } else t[i] = (lab[i] + 1 + (rng.next() < 0.7 ? confuse[i] : rng.int(CLASSES - 1))) % CLASSES;
    }
    setPreds.push(t);
    counts.push({ model: `model-${String(m).padStart(3, '0')}`, testSet: set, correct: c, n: IMAGES });
  }
  preds.push(setPreds);
}
const predictions = new Map(SETS.map((s, j) => [s, { labels: labels[j], top1: new Map(preds[j].map((t, m) => [`model-${String(m).padStart(3, '0')}`, t])) }]));
const data = { name: 'bench', source: 'testbed', original: SETS[0], newSets: SETS.slice(1), counts, predictions };

// The same arrays for numpy: labels (sets × images) and predictions (sets × models × images), int16 .npy.
const dir = mkdtempSync(path.join(tmpdir(), 'heldout-bench-study-'));
function npyInt16(file, shape, fill) {
  const header = `{'descr': '<i2', 'fortran_order': False, 'shape': (${shape.join(', ')}), }`;
  const pad = 64 - ((10 + header.length + 1) % 64);
  const h = Buffer.from(`${header}${' '.repeat(pad % 64)}\n`, 'latin1');
  const size = shape.reduce((a, b) => a * b, 1);
  const body = Buffer.alloc(size * 2);
  fill((i, v) => body.writeInt16LE(v, i * 2));
  const pre = Buffer.alloc(10);
  pre.write('\x93NUMPY', 0, 'latin1');
  pre[6] = 1; pre[7] = 0; pre.writeUInt16LE(h.length, 8);
  writeFileSync(file, Buffer.concat([pre, h, body]));
}
npyInt16(path.join(dir, 'labels.npy'), [SETS.length, IMAGES], (w) => labels.forEach((l, j) => l.forEach((v, i) => w(j * IMAGES + i, v))));
npyInt16(path.join(dir, 'preds.npy'), [SETS.length, MODELS, IMAGES], (w) => preds.forEach((sp, j) => sp.forEach((t, m) => t.forEach((v, i) => w((j * MODELS + m) * IMAGES + i, v)))));

const median = (a) => { const s = [...a].sort((p, q) => p - q); const k = s.length >> 1; return s.length % 2 ? s[k] : (s[k - 1] + s[k]) / 2; };

function runOurs() {
  const t0 = performance.now();
  let bytes = 0;
  const reports = data.newSets.map((newSet) => buildStudyReport(data, { newSet, transform: 'probit', resamples: RESAMPLES, seed: 1 }));
  const t1 = performance.now();
  for (const r of reports) for (const f of Object.values(REPORT_FORMATS)) bytes += f(r).length;
  return { ms: performance.now() - t0, computeMs: t1 - t0, bytes, reports };
}

runOurs(); // warm-up
const ours = [];
let last;
for (let r = 0; r < RUNS; r++) { last = runOurs(); ours.push(last); }
const PYTHON = resolvePython(args.python ?? 'python3');
console.log(`numpy side: ${PYTHON}`);
const py = spawnSync(PYTHON, [path.join(ROOT, 'bench/study-report.py'), dir, '--resamples', String(RESAMPLES), '--repeat', String(RUNS)], { encoding: 'utf8', maxBuffer: 64 << 20 });
rmSync(dir, { recursive: true, force: true });
if (py.status !== 0) throw new Error(`numpy baseline failed: ${py.stderr}`);
const np = JSON.parse(py.stdout);

const r0 = last.reports[0];
const oursMed = median(ours.map((o) => o.ms));
const npMed = median(np.timesMs);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, numpy ${np.versions.numpy}, scipy ${np.versions.scipy}`);
console.log(`data: ${MODELS} models × ${SETS.length} test sets × ${IMAGES} images, ${RESAMPLES} resamples, ${data.newSets.length} reports`);
console.log(`check (first new set): slope ours ${r0.fit.slope.toFixed(9)} numpy ${np.check.slope.toFixed(9)}; mean drop ours ${r0.meanDrop.value.toFixed(9)} numpy ${np.check.meanDrop.toFixed(9)}; mean agreement ours ${r0.similarity.meanAgreement.toFixed(9)} numpy ${np.check.meanAgreement.toFixed(9)}`);
console.log(`ours  (reports + JSON/MD/HTML): runs ${ours.map((o) => o.ms.toFixed(0)).join(', ')} ms → median ${oursMed.toFixed(0)} ms (compute only ${median(ours.map((o) => o.computeMs)).toFixed(0)} ms; ${(last.bytes / 1e6).toFixed(1)} MB rendered)`);
console.log(`numpy (reports, no rendering):  runs ${np.timesMs.map((t) => t.toFixed(0)).join(', ')} ms → median ${npMed.toFixed(0)} ms`);
console.log(`ratio ours/numpy: ${(oursMed / npMed).toFixed(2)}  (goal: ours ≤ 10000 ms: ${oursMed <= 10000 ? 'met' : 'NOT met'})`);
