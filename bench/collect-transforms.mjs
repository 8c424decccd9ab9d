#!/usr/bin/env node
// Which edits each near-duplicate metric catches at its default review threshold: N seeded photo-like JPEGs
// (collect-photo-like.mjs), each edited five ways, hashed and compared exactly as `heldout collect dedup` does.
// Prints the markdown table of docs/collect.md. Run `npm run build` first. Usage: node bench/collect-transforms.mjs [--n 40]
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { photoLikeJpeg, TRANSFORMS } from './collect-photo-like.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(path.join(ROOT, 'dist/collect/image-hashes.js'))) {
  console.error('bench: run `npm run build` first (this script uses dist/)');
  process.exit(1);
}
const { hashImage } = await import('../dist/collect/image-hashes.js');
const { rgb256 } = await import('../dist/collect/pixel-copies.js');
const { DEFAULT_REVIEW_THRESHOLDS, hammingDistance, hashFromHex, squaredL2 } = await import('../dist/collect/core/index.js');
const { binomialInterval } = await import('../dist/stats/index.js');

const i = process.argv.indexOf('--n');
const N = i < 0 ? 40 : Number(process.argv[i + 1]);

async function describe(bytes) {
  const h = await hashImage(bytes);
  return { phash: hashFromHex(h.phash), dhash: hashFromHex(h.dhash), px: await rgb256(bytes) };
}
const distances = (a, b) => ({ phash: hammingDistance(a.phash, b.phash), dhash: hammingDistance(a.dhash, b.dhash), l2: squaredL2(a.px, b.px) });

const bases = [];
for (let s = 1; s <= N; s++) bases.push(await photoLikeJpeg(s));
const baseDesc = await Promise.all(bases.map(describe));
const rows = {};
for (const [name, t] of Object.entries(TRANSFORMS)) {
  rows[name] = [];
  for (let k = 0; k < N; k++) rows[name].push(distances(baseDesc[k], await describe(await t.apply(bases[k]))));
}
rows.unrelated = [];
for (let a = 0; a < N; a++) for (let b = a + 1; b < N; b++) rows.unrelated.push(distances(baseDesc[a], baseDesc[b]));

const T = DEFAULT_REVIEW_THRESHOLDS;
const median = (xs) => { const s = [...xs].sort((x, y) => x - y); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const cell = (list, m) => {
  const k = list.filter((d) => d[m] <= T[m]).length;
  const ci = binomialInterval(k, list.length);
  const med = median(list.map((d) => d[m]));
  const pct = (x) => (100 * x).toFixed(100 * x < 10 || 100 * x > 90 ? 1 : 0);
  return `${k}/${list.length} (${pct(ci.lower)}–${pct(ci.upper)} %), median ${m === 'l2' ? med.toExponential(1) : med}`;
};
const describeRow = { ...Object.fromEntries(Object.entries(TRANSFORMS).map(([n, t]) => [n, t.description])), unrelated: 'two different photos (every pair of the N originals)' };
console.log(`| edit (n = ${N} photos, 640×480) | pHash ≤ ${T.phash} | dHash ≤ ${T.dhash} | L2 ≤ ${T.l2.toExponential(1)} |`);
console.log('|---|---|---|---|');
for (const [name, list] of Object.entries(rows)) {
  console.log(`| ${name}: ${describeRow[name]} | ${cell(list, 'phash')} | ${cell(list, 'dhash')} | ${cell(list, 'l2')} |`);
}
console.log('\nCells: caught/n (95 % Clopper–Pearson interval), median distance. Unrelated pairs should be caught by none.');
