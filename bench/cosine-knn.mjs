#!/usr/bin/env node
// Benchmark for the embedding metric of `heldout collect dedup --embedder` (issue 6): exact cosine-distance search of
// Q query vectors against R reference vectors (seeded random, dim values, with planted near copies), by the blocked
// dot products of src/collect/core/cosine-knn.ts vs the one-pair-at-a-time definition (bruteForceCosine), same
// process, same data; the pair lists must be identical (checked). With --numpy, the same matrices go to numpy
// (float32 matrix product + threshold, BLAS) as the peer a Python user would reach for.
// Run `npm run build` first. Usage: node bench/cosine-knn.mjs [--queries 1000] [--refs 50000] [--dim 84] [--numpy]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolvePython } from './python.mjs';
import { mulberry32 } from './collect-photo-like.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(path.join(ROOT, 'dist/collect/core/index.js'))) {
  console.error('bench: run `npm run build` first (this benchmark uses dist/)');
  process.exit(1);
}
const { cosineWithin, bruteForceCosine, l2Normalise } = await import('../dist/collect/core/index.js');
const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? def : Number(process.argv[i + 1]);
};
const Q = arg('--queries', 1000);
const R = arg('--refs', 50000);
const DIM = arg('--dim', 84);
const RADIUS = 0.04;

const rand = mulberry32(20261128);
const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
const refs = new Float32Array(R * DIM).map(gauss);
const queries = new Float32Array(Q * DIM).map(gauss);
// Every 10th query is a noisy copy of a random reference (noise 0–0.4 of the vector's scale: some beyond the radius).
for (let q = 0; q < Q; q += 10) {
  const r = Math.floor(rand() * R);
  const s = 0.4 * rand();
  for (let k = 0; k < DIM; k++) queries[q * DIM + k] = refs[r * DIM + k] + s * gauss();
}
const qm = l2Normalise({ data: queries, dim: DIM });
const rm = l2Normalise({ data: refs, dim: DIM });

const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const time = (f) => { const w = performance.now(); const c = cpu(); const out = f(); return { out, wall: performance.now() - w, cpu: cpu() - c }; };

const blocked = time(() => { const got = []; cosineWithin(qm, rm, RADIUS, (i, j, d) => got.push([i, j, d])); return got.sort((a, b) => a[0] - b[0] || a[1] - b[1]); });
const brute = time(() => bruteForceCosine(qm, rm, RADIUS));
const same = blocked.out.length === brute.out.length && blocked.out.every((p, i) => p[0] === brute.out[i][0] && p[1] === brute.out[i][1] && p[2] === brute.out[i][2]);
const mult = Q * R * DIM;
const line = (name, t) => `| ${name} | ${t.wall.toFixed(0)} ms | ${t.cpu.toFixed(0)} ms | ${(mult / t.cpu / 1e6).toFixed(2)} G multiply-adds/CPU-s |`;
console.log(`${Q} queries × ${R} references × ${DIM} dims, radius ${RADIUS}: ${blocked.out.length} pairs; identical to brute force: ${same}`);
console.log('| search | wall | CPU | rate |\n|---|---|---|---|');
console.log(line('blocked dot products (cosineWithin)', blocked));
console.log(line('one pair at a time (bruteForceCosine)', brute));
if (process.argv.includes('--numpy')) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cosine-bench-'));
  try {
    writeFileSync(path.join(dir, 'q.f32'), Buffer.from(qm.data.buffer));
    writeFileSync(path.join(dir, 'r.f32'), Buffer.from(rm.data.buffer));
    const py = `
import numpy as np, time, os, sys
d=${DIM}; q=np.fromfile(sys.argv[1]+'/q.f32',dtype=np.float32).reshape(-1,d); r=np.fromfile(sys.argv[1]+'/r.f32',dtype=np.float32).reshape(-1,d)
w=time.perf_counter(); c=time.process_time()
n=0
for i in range(0,len(q),256):
    s=q[i:i+256]@r.T; n+=int(np.count_nonzero(1-s<=${RADIUS}))
print(n, (time.perf_counter()-w)*1000, (time.process_time()-c)*1000)`;
    const PYTHON = resolvePython();
    console.log(`numpy side: ${PYTHON}`);
    const [n, wall, cpuMs] = execFileSync(PYTHON, ['-c', py, dir], { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' } }).trim().split(' ').map(Number);
    console.log(line(`numpy float32 matmul, 1 BLAS thread (peer; ${n} pairs)`, { wall, cpu: cpuMs }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
