#!/usr/bin/env node
// Bootstrap band benchmark (issue 3): 10,000 resamples of 300 models, probit OLS per resample, percentile band on a
// 100-point grid. Times `heldout stats fit --bootstrap` against the numpy baseline bench/bootstrap-band.py, both as
// whole processes (what a user waits for) and in-process (the computation alone), and prints medians and ratios.
//
//   npm run build && node bench/bootstrap-band.mjs [--runs 5] [--resamples 10000] [--models 300] [--python python3]
//   (--python is resolved to the real interpreter, sys.executable, once; its path is printed)
//
// The data are generated here with a fixed seed and written to a temp CSV that both implementations read.
// Results are recorded in bench/RESULTS.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import path from 'node:path';
import process from 'node:process';
import console from 'node:console';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, URL } from 'node:url';
import { resolvePython } from './python.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = parseArgs(process.argv.slice(2), { runs: '5', resamples: '10000', models: '300', python: 'python3', seed: '1' });
const RUNS = Number(args.runs);
const RESAMPLES = Number(args.resamples);
const MODELS = Number(args.models);
const SEED = Number(args.seed);
// The interpreter itself, not a pyenv shim that would add its own start-up to every numpy run (bench/python.mjs).
const PYTHON = resolvePython(args.python);
const GRID = 100;

if (!existsSync(path.join(ROOT, 'dist/stats/index.js')) || !existsSync(path.join(ROOT, 'dist/cli/main.js'))) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(2);
}
const { bootstrapFitBand, seededRng, TRANSFORMS } = await import(path.join(ROOT, 'dist/stats/index.js'));

// --- data: x ~ U(0.55, 0.90); probit(y) = 1.1 probit(x) − 0.45 + N(0, 0.08²), a typical "accuracy on the line" cloud.
const gen = seededRng(20261128);
const { forward: probit, inverse: phi } = TRANSFORMS.probit;
const normal = () => Math.sqrt(-2 * Math.log(1 - gen.next())) * Math.cos(2 * Math.PI * gen.next());
const x = Array.from({ length: MODELS }, () => 0.55 + 0.35 * gen.next());
const y = x.map((v) => phi(1.1 * probit(v) - 0.45 + 0.08 * normal()));
const dir = mkdtempSync(path.join(tmpdir(), 'heldout-bench-band-'));
const csv = path.join(dir, 'models.csv');
writeFileSync(csv, `model,x,y\n${x.map((v, i) => `m${i},${v},${y[i]}`).join('\n')}\n`);

const median = (a) => {
  const s = [...a].sort((p, q) => p - q);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (a) => a.map((t) => t.toFixed(1)).join(', ');

/** Runs a command, returns its wall time in ms and stdout; throws if it fails. */
function timed(cmd, argv) {
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed (${r.status}): ${r.stderr || r.error}`);
  return { ms, out: r.stdout };
}

/** CPU time (user + system, ms) of a whole child process, from bash's `time` keyword (spawnSync reports none). */
function cpuOfProcess(cmd, argv) {
  const r = spawnSync('bash', ['-c', 'TIMEFORMAT="%3U %3S"; time "$@" > /dev/null', 'bash', cmd, ...argv], { cwd: ROOT, encoding: 'utf8' });
  const last = r.stderr.trim().split('\n').at(-1) ?? '';
  const [user, sys] = last.split(' ').map(Number);
  if (r.status !== 0 || !Number.isFinite(user) || !Number.isFinite(sys)) throw new Error(`${cmd} failed (${r.status}): ${r.stderr}`);
  return (user + sys) * 1000;
}

const oursArgv = ['bin/heldout.js', 'stats', 'fit', '--csv', csv, '--x', 'x', '--y', 'y', '--transform', 'probit',
  '--bootstrap', String(RESAMPLES), '--seed', String(SEED), '--grid', String(GRID), '--json'];
const numpyArgv = ['bench/bootstrap-band.py', csv, '--resamples', String(RESAMPLES), '--grid', String(GRID), '--seed', String(SEED)];

// --- agreement: different random streams, so the bands agree up to Monte Carlo error (≈1e-3), the fits exactly.
const ours = JSON.parse(timed(process.execPath, oursArgv).out);
const theirs = JSON.parse(timed(PYTHON, numpyArgv).out);
let bandDiff = 0;
ours.bootstrap.band.forEach((b, j) => {
  bandDiff = Math.max(bandDiff, Math.abs(b.lower - theirs.lower[j]), Math.abs(b.upper - theirs.upper[j]), Math.abs(b.x - theirs.grid[j]));
});
const slopeDiff = Math.abs(ours.slope - theirs.slope) / Math.abs(theirs.slope);

// --- whole process, alternating so that load from other work hits both alike (one untimed warm-up each above).
const wholeOurs = [];
const wholeNumpy = [];
for (let i = 0; i < RUNS; i++) {
  wholeOurs.push(timed(process.execPath, oursArgv).ms);
  wholeNumpy.push(timed(PYTHON, numpyArgv).ms);
}
const wholeCpuOurs = [];
const wholeCpuNumpy = [];
for (let i = 0; i < RUNS; i++) {
  wholeCpuOurs.push(cpuOfProcess(process.execPath, oursArgv));
  wholeCpuNumpy.push(cpuOfProcess(PYTHON, numpyArgv));
}
// Start-up alone: the CLI loading the stats command group and printing its help (the start-up `stats fit` pays;
// `heldout --version` loads every command group), and python importing numpy + scipy.special.
const startOurs = [];
const startNumpy = [];
for (let i = 0; i < RUNS; i++) {
  startOurs.push(timed(process.execPath, ['bin/heldout.js', 'stats', '--help']).ms);
  startNumpy.push(timed(PYTHON, ['-c', 'import numpy, scipy.special']).ms);
}

// --- in process: one untimed warm-up, then RUNS timed runs; reading the CSV is excluded on both sides.
const grid = Array.from({ length: GRID }, (_, j) => {
  const lo = Math.min(...x), hi = Math.max(...x);
  return j === GRID - 1 ? hi : lo + ((hi - lo) * j) / (GRID - 1);
});
// CPU time of the process is reported beside wall time: on a machine shared with other work it is inflated far less.
const inOurs = [];
const cpuOurs = [];
for (let i = 0; i <= RUNS; i++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  bootstrapFitBand(x, y, { transform: 'probit', rng: seededRng(SEED), grid, resamples: RESAMPLES, alpha: 0.05 });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  if (i > 0) {
    inOurs.push(ms);
    cpuOurs.push((cpu.user + cpu.system) / 1000);
  }
}
const { timesMs: inNumpy, cpuMs: cpuNumpy } = JSON.parse(timed(PYTHON, [...numpyArgv, '--repeat', String(RUNS)]).out);

const python = spawnSync(PYTHON, ['--version'], { encoding: 'utf8' }).stdout.trim();
const rows = [
  ['whole process', wholeOurs, wholeNumpy],
  ['  same, CPU time', wholeCpuOurs, wholeCpuNumpy],
  ['in-process compute', inOurs, inNumpy],
  ['  same, CPU time', cpuOurs, cpuNumpy],
  ['start-up only', startOurs, startNumpy],
];
console.log(`bootstrap band: ${MODELS} models, ${RESAMPLES} resamples, ${GRID}-point grid, probit; ${RUNS} runs each`);
console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), node ${process.version}, ${python} (${PYTHON}), numpy ${theirs.numpy}, load average ${readLoad()}`);
console.log(`agreement: slope rel. diff ${slopeDiff.toExponential(1)}, max |band diff| ${bandDiff.toExponential(1)} (Monte Carlo noise; different RNGs)`);
for (const [name, a, b] of rows) {
  console.log(`${name.padEnd(20)} ours median ${median(a).toFixed(1).padStart(7)} ms [${fmt(a)}]`);
  console.log(`${''.padEnd(20)} numpy median ${median(b).toFixed(1).padStart(6)} ms [${fmt(b)}]`);
  console.log(`${''.padEnd(20)} ratio ours/numpy ${(median(a) / median(b)).toFixed(2)}`);
}
rmSync(dir, { recursive: true, force: true });

function readLoad() {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'n/a';
  }
}

function parseArgs(argv, defaults) {
  const out = { ...defaults };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]?.replace(/^--/, '');
    if (!key || !(key in defaults) || argv[i + 1] === undefined) {
      console.error(`usage: node bench/bootstrap-band.mjs ${Object.keys(defaults).map((k) => `[--${k} ${defaults[k]}]`).join(' ')}`);
      process.exit(2);
    }
    out[key] = argv[i + 1];
  }
  return out;
}
