#!/usr/bin/env node
// Benchmark for the collect stage (issue 6), side by side with its peers:
// 1. Hamming-radius search: 100,000 candidate hashes against 1,280,000 reference hashes (seeded random, plus planted
//    near pairs at 0–10 bits) at radius 8, multi-index hashing (MultiIndexHash) vs a brute-force scan over the same
//    hashes. The pair sets must be identical (checked); prints the speed ratio (goal ≥ 50×).
// 2. Hashing throughput: hashImage (decode + 32×32 gray + pHash + dHash) vs sharp's own decode + resize to 32×32 on
//    the same photo-like JPEGs (goal ≥ 0.8×), and on 28×28 PNGs like the demo's.
// Run `npm run build` first. Usage:
//   node bench/mih-vs-brute.mjs [--runs 5] [--brute-queries 100000] [--sweep] [--hash-images 200] [--skip-hashing]
// --brute-queries N scans only the first N candidates by brute force (equality is then checked on those, and the
// full brute-force time is extrapolated linearly, which is exact up to noise since every query costs the same).
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { mulberry32, photoLikeJpeg } from './collect-photo-like.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(path.join(ROOT, 'dist/collect/core/index.js'))) {
  console.error('bench: run `npm run build` first (this benchmark uses dist/)');
  process.exit(1);
}
const { MultiIndexHash, bruteForceHamming } = await import('../dist/collect/core/index.js');
const { hashImage } = await import('../dist/collect/image-hashes.js');

const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? def : Number(process.argv[i + 1]);
};
const flag = (name) => process.argv.includes(name);
const RUNS = arg('--runs', 5);
const N_REF = 1_280_000;
const N_CAND = 100_000;
const PLANTED = 2_000;
const RADIUS = 8;
const BRUTE_QUERIES = Math.max(1, Math.min(arg('--brute-queries', N_CAND), N_CAND));
const HASH_IMAGES = arg('--hash-images', 200);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const now = () => process.hrtime.bigint();
/** CPU time (user + system) of this process in ms: steadier than wall time on a shared, loaded machine. */
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

console.log(`# collect bench — ${new Date().toISOString().slice(0, 10)}`);
console.log(`machine: ${os.cpus()[0]?.model ?? '?'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);

// ---- 1. Hamming search -------------------------------------------------------------------------------------
const rand = mulberry32(20261128);
const u32 = () => Math.floor(rand() * 4294967296) | 0;
const refs = { hi: new Int32Array(N_REF), lo: new Int32Array(N_REF) };
for (let i = 0; i < N_REF; i++) {
  refs.hi[i] = u32();
  refs.lo[i] = u32();
}
const cands = { hi: new Int32Array(N_CAND), lo: new Int32Array(N_CAND) };
for (let i = 0; i < N_CAND; i++) {
  if (i % (N_CAND / PLANTED) === 0) {
    // A planted near pair: a copy of a random reference with 0–10 random bits flipped (some beyond the radius).
    const r = Math.floor(rand() * N_REF);
    let hi = refs.hi[r];
    let lo = refs.lo[r];
    const flips = Math.floor(rand() * 11);
    const used = new Set();
    while (used.size < flips) used.add(Math.floor(rand() * 64));
    for (const b of used) {
      if (b < 32) lo ^= 1 << b;
      else hi ^= 1 << (b - 32);
    }
    cands.hi[i] = hi;
    cands.lo[i] = lo;
  } else {
    cands.hi[i] = u32();
    cands.lo[i] = u32();
  }
}
console.log(`\nHamming search: ${N_CAND.toLocaleString('en-US')} candidates × ${N_REF.toLocaleString('en-US')} references, radius ${RADIUS}, ${PLANTED} planted near pairs`);

const key = (q, r, d) => `${q}:${r}:${d}`;
let mihPairs;
const mihBuild = [];
const mihQuery = [];
const mihCpu = [];
const mihQueryCpu = [];
let m = 0;
for (let run = 0; run < RUNS; run++) {
  let t0 = now();
  const c0 = cpu();
  const index = MultiIndexHash.build(refs, { maxRadius: RADIUS });
  mihBuild.push(ms(t0));
  m = index.substrings;
  const pairs = [];
  t0 = now();
  const c1 = cpu();
  index.queryMany(cands, RADIUS, (q, r, d) => pairs.push(key(q, r, d)));
  mihQuery.push(ms(t0));
  mihQueryCpu.push(cpu() - c1);
  mihCpu.push(cpu() - c0);
  mihPairs = pairs;
}
const mihTotal = median(mihBuild.map((b, i) => b + mihQuery[i]));
console.log(`MIH (m = ${m}): build median ${median(mihBuild).toFixed(0)} ms, query median ${median(mihQuery).toFixed(0)} ms over ${RUNS} runs (runs: ${mihQuery.map((x) => x.toFixed(0)).join(', ')}); CPU build + query median ${median(mihCpu).toFixed(0)} ms; ${mihPairs.length} pairs`);

const CHUNK = 5_000;
const chunkTimes = [];
const brutePairs = [];
for (let start = 0; start < BRUTE_QUERIES; start += CHUNK) {
  const end = Math.min(start + CHUNK, BRUTE_QUERIES);
  const q = { hi: cands.hi.subarray(start, end), lo: cands.lo.subarray(start, end) };
  const t0 = now();
  const c0 = cpu();
  bruteForceHamming(q, refs, RADIUS, (i, r, d) => brutePairs.push(key(start + i, r, d)));
  chunkTimes.push({ n: end - start, ms: ms(t0), cpu: cpu() - c0 });
}
const bruteMeasured = chunkTimes.reduce((s, c) => s + c.ms, 0);
const perQuery = median(chunkTimes.map((c) => c.ms / c.n));
const bruteFull = BRUTE_QUERIES === N_CAND ? bruteMeasured : perQuery * N_CAND;
const cpuPerQuery = median(chunkTimes.map((c) => c.cpu / c.n));
const bruteCpuFull = BRUTE_QUERIES === N_CAND ? chunkTimes.reduce((s2, c) => s2 + c.cpu, 0) : cpuPerQuery * N_CAND;
const mihSubset = mihPairs.filter((p) => Number(p.slice(0, p.indexOf(':'))) < BRUTE_QUERIES).sort();
const same = mihSubset.length === brutePairs.length && brutePairs.sort().every((p, i) => p === mihSubset[i]);
console.log(`brute force: ${BRUTE_QUERIES.toLocaleString('en-US')} queries scanned in ${(bruteMeasured / 1000).toFixed(1)} s (${chunkTimes.length} chunks of ${CHUNK}, median ${(perQuery * 1000).toFixed(1)} µs/query)${BRUTE_QUERIES === N_CAND ? '' : `; all ${N_CAND.toLocaleString('en-US')} extrapolated: ${(bruteFull / 1000).toFixed(1)} s`}`);
console.log(`same pairs: ${same ? 'YES' : 'NO'} (${brutePairs.length} pairs${BRUTE_QUERIES === N_CAND ? '' : ` among the first ${BRUTE_QUERIES.toLocaleString('en-US')} candidates`})`);
console.log(`speed ratio brute / MIH, wall time: ${(bruteFull / mihTotal).toFixed(0)}× including the index build, ${(bruteFull / median(mihQuery)).toFixed(0)}× queries only (goal ≥ 50×)`);
console.log(`speed ratio brute / MIH, CPU time: ${(bruteCpuFull / median(mihCpu)).toFixed(0)}× including the index build, ${(bruteCpuFull / median(mihQueryCpu)).toFixed(0)}× queries only (brute force CPU ${(bruteCpuFull / 1000).toFixed(1)} s${BRUTE_QUERIES === N_CAND ? '' : ', extrapolated'})`);
if (!same) process.exitCode = 1;

if (flag('--sweep')) {
  console.log('\nsubstring count sweep (1 run each; m = 9 is plain pigeonhole with exact substring matches):');
  for (const mm of [3, 4, 5, 6, 7, 9]) {
    let t0 = now();
    const c0 = cpu();
    const index = MultiIndexHash.build(refs, { substrings: mm });
    const b = ms(t0);
    let n = 0;
    t0 = now();
    index.queryMany(cands, RADIUS, () => n++);
    const q = ms(t0);
    const c = cpu() - c0;
    console.log(`  m = ${mm}: build ${b.toFixed(0)} ms, query ${q.toFixed(0)} ms, CPU ${c.toFixed(0)} ms, ${n} pairs, CPU ratio ${(bruteCpuFull / c).toFixed(0)}×`);
  }
}

// ---- 2. Hashing throughput --------------------------------------------------------------------------------
if (!flag('--skip-hashing')) {
  const photos = [];
  for (let s = 1; s <= HASH_IMAGES; s++) photos.push(await photoLikeJpeg(10_000 + s));
  const tiny = [];
  for (let s = 1; s <= 2_000; s++) {
    const raw = Buffer.alloc(28 * 28);
    const r = mulberry32(s);
    for (let k = 0; k < raw.length; k++) raw[k] = Math.floor(r() * 256);
    tiny.push(await sharp(raw, { raw: { width: 28, height: 28, channels: 1 } }).png().toBuffer());
  }
  const CONCURRENCY = 4;
  /** Images per second (wall) and CPU ms per image (all threads: libvips works outside the JS thread). */
  const throughput = async (images, fn) => {
    let next = 0;
    const t0 = now();
    const c0 = cpu();
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next < images.length) await fn(images[next++]);
    }));
    return { rate: images.length / (ms(t0) / 1000), cpu: (cpu() - c0) / images.length };
  };
  const peer = (b) => sharp(b).resize(32, 32, { fit: 'fill' }).raw().toBuffer();
  for (const [label, images] of [[`${HASH_IMAGES} photo-like JPEGs 640×480`, photos], ['2,000 PNGs 28×28 (Fashion-MNIST size)', tiny]]) {
    const ours = [];
    const theirs = [];
    for (let run = 0; run < RUNS; run++) {
      // Interleaved, so load changes on a shared machine hit both sides alike.
      theirs.push(await throughput(images, peer));
      ours.push(await throughput(images, hashImage));
    }
    console.log(`\nhashing ${label}, ${CONCURRENCY} in flight, median of ${RUNS} interleaved runs:`);
    const rate = (xs) => median(xs.map((x) => x.rate));
    const cpuPer = (xs) => median(xs.map((x) => x.cpu));
    console.log(`  sharp decode + resize to 32×32: ${rate(theirs).toFixed(0)} images/s, CPU ${cpuPer(theirs).toFixed(2)} ms/image`);
    console.log(`  hashImage (pHash + dHash):      ${rate(ours).toFixed(0)} images/s, CPU ${cpuPer(ours).toFixed(2)} ms/image`);
    console.log(`  throughput ratio: ${(rate(ours) / rate(theirs)).toFixed(2)}× wall, ${(cpuPer(theirs) / cpuPer(ours)).toFixed(2)}× CPU (goal ≥ 0.8×)`);
  }
}
