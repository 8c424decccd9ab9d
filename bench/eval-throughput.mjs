#!/usr/bin/env node
// Benchmark: `heldout eval` images/s on a ResNet-18-sized ONNX model (random weights) over 2,000 photo-like
// ~500×375 JPEGs (fixed seed), against (a) PyTorch: DataLoader + torchvision transforms + the same model in PyTorch,
// and (b) bare onnxruntime-node on pre-made tensors (the limit: inference only). Same thread count everywhere.
// Run `npm run build` first. Usage: node bench/eval-throughput.mjs [--n 2000] [--threads 2] [--workers 1] [--batch 64] [--runs 1]
// [--sides heldout,pytorch,ort] [--dist DIR] (a compiled tree other than dist/; its folder must see node_modules).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? def : Number(process.argv[i + 1]);
};
const N = arg('--n', 2000);
const THREADS = arg('--threads', 2);
const WORKERS = arg('--workers', 1);
const BATCH = arg('--batch', 64);
const RUNS = arg('--runs', 1);
const strArg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? def : process.argv[i + 1];
};
const SIDES = strArg('--sides', 'heldout,pytorch,ort').split(',');
const DIST = path.resolve(ROOT, strArg('--dist', 'dist'));
const PY = '/usr/bin/python3';

if (!existsSync(path.join(DIST, 'evaluate/run-evaluations.js'))) {
  console.error(`bench: run \`npm run build\` first (the bench imports ${DIST})`);
  process.exit(1);
}
const { openWorkspace } = await import(path.join(DIST, 'store/workspace.js'));
const { importDataset } = await import(path.join(DIST, 'datasets/import-dataset.js'));
const { addModel } = await import(path.join(DIST, 'evaluate/add-model.js'));
const { evaluateOnSplit } = await import(path.join(DIST, 'evaluate/run-evaluations.js'));
const { loadOnnxModel } = await import(path.join(DIST, 'evaluate/onnx-model.js'));
const { preprocessBatch } = await import(path.join(DIST, 'evaluate/preprocess-batch.js'));
const { PRESETS } = await import(path.join(DIST, 'evaluate/presets/index.js'));

const work = path.join(tmpdir(), 'heldout-bench-eval');
const images = path.join(work, 'photos', 'n01440764');
const onnxFile = path.join(work, 'resnet18.onnx');
mkdirSync(work, { recursive: true });
const py = (...args) => {
  const r = spawnSync(PY, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${PY} ${args.join(' ')} failed:\n${r.stderr}`);
  return r.stdout;
};
if (!existsSync(onnxFile)) py('tools/zoo/train_zoo.py', '--resnet18', onnxFile);
if (!existsSync(path.join(images, `img${String(N - 1).padStart(5, '0')}.jpg`))) py('bench/eval-throughput.py', 'images', images, '--n', String(N));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Heldout: `heldout eval` as a function (dist/), on a fresh workspace per run: decode + preprocess + infer + store. */
async function heldout() {
  const dataDir = path.join(work, 'ws');
  rmSync(dataDir, { recursive: true, force: true });
  const ws = await openWorkspace(dataDir);
  await importDataset(ws, { layout: 'imagefolder', dataset: 'photos', path: path.dirname(images), classes: 'ilsvrc2012' });
  await addModel(ws, { name: 'resnet18', onnx: onnxFile, preset: 'imagenet-224' });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const [o] = await evaluateOnSplit(ws, 'photos', 'test', ['resnet18'], { batch: BATCH, threads: THREADS, workers: WORKERS });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuSince(cpu0);
  await ws.close();
  if (o.status !== 'done') throw new Error(o.error);
  return { images: o.imagesRun, seconds, cpu, perS: o.imagesRun / seconds };
}

/** The limit: the same session options, batches of pre-made tensors (64 real images, reused), inference only. */
async function bareOrt() {
  const files = Array.from({ length: BATCH }, (_, i) => path.join(images, `img${String(i).padStart(5, '0')}.jpg`));
  const tensor = await preprocessBatch('imagenet-224', files.map((f) => ({ bytes: readFileSync(f), what: f })));
  const model = await loadOnnxModel(readFileSync(onnxFile), 'resnet18', PRESETS['imagenet-224'], 'imagenet-224', 1000, { threads: THREADS });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let done = 0;
  while (done < N) {
    const rows = Math.min(BATCH, N - done);
    await model.run(rows === BATCH ? tensor : tensor.subarray(0, rows * 3 * 224 * 224), rows);
    done += rows;
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuSince(cpu0);
  await model.close();
  return { images: done, seconds, cpu, perS: done / seconds };
}

function pytorch() {
  const out = JSON.parse(py('bench/eval-throughput.py', 'torch', images, '--threads', String(THREADS), '--workers', String(WORKERS), '--batch', String(BATCH)));
  return { images: out.images, seconds: out.seconds, cpu: out.cpu_seconds, perS: out.images_per_s };
}

/** CPU seconds (user + system, every thread of this process: ONNX Runtime's and the decode workers') since `start`. */
function cpuSince(start) {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1e6;
}

const results = { heldout: [], pytorch: [], ort: [] };
const perCpu = { heldout: [], pytorch: [], ort: [] };
for (let r = 0; r < RUNS; r++) {
  // Alternate the order so a change in machine load does not favour one side.
  const order = (r % 2 === 0 ? ['heldout', 'pytorch', 'ort'] : ['ort', 'pytorch', 'heldout']).filter((s) => SIDES.includes(s));
  for (const side of order) {
    const res = side === 'heldout' ? await heldout() : side === 'pytorch' ? pytorch() : await bareOrt();
    results[side].push(res.perS);
    perCpu[side].push(res.images / res.cpu);
    console.log(`run ${r + 1} ${side.padEnd(8)} ${res.images} images in ${res.seconds.toFixed(1)} s = ${res.perS.toFixed(2)} images/s; ${res.cpu.toFixed(1)} CPU s = ${(res.images / res.cpu).toFixed(2)} images per CPU s   (load ${loadavg()[0].toFixed(2)})`);
  }
}
const m = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)]));
const c = Object.fromEntries(Object.entries(perCpu).map(([k, v]) => [k, median(v)]));
const f = (x, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : '—');
console.log(`\n${cpus().length} × ${cpus()[0]?.model}; node ${process.version}; ${N} images, batch ${BATCH}, ${THREADS} inference threads, ${WORKERS} decode worker(s), ${RUNS} run(s), medians:`);
console.log(`heldout eval        ${f(m.heldout)} images/s`);
console.log(`pytorch DataLoader  ${f(m.pytorch)} images/s   heldout / pytorch = ${f(m.heldout / m.pytorch)}× (goal ≥ 1.0)`);
console.log(`bare onnxruntime    ${f(m.ort)} images/s   heldout / bare ORT = ${f(100 * m.heldout / m.ort, 1)}% (goal ≥ 85%)`);
console.log(`per CPU second: heldout ${f(c.heldout)}, pytorch ${f(c.pytorch)} (${f(c.heldout / c.pytorch)}×), bare ORT ${f(c.ort)} (${f(100 * c.heldout / c.ort, 1)}%)`);
