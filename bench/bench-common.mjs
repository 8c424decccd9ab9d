// Helpers several benches share: the seeded generator every generated file comes from, the ILSVRC Task-1 file
// generator of the challenge benches, and a child process's CPU time from /proc.
import { readFileSync } from 'node:fs';

/** mulberry32: a tiny seeded generator (32-bit state), so every run generates the same data. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Task-1 file: 5 distinct devkit IDs (1..1000) per line, the true one first with probability `acc`. */
export function task1(truth, acc, seed) {
  const r = mulberry32(seed);
  const lines = new Array(truth.length);
  for (let i = 0; i < truth.length; i++) {
    const g = [];
    while (g.length < 5) {
      const c = 1 + Math.floor(r() * 1000);
      if (c !== truth[i] && !g.includes(c)) g.push(c);
    }
    if (r() < acc) g[0] = truth[i];
    lines[i] = g.join(' ');
  }
  return `${lines.join('\n')}\n`;
}

/** CPU seconds (user + system, all threads) process `pid` has used so far, from /proc (Linux); NaN once it is gone. */
export function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/**
 * A dataset `ilsvrc` with a hidden split `val` of `n` images over the 1,000 ILSVRC-2012 classes, labels drawn with
 * seed 1 (the challenge benches' hidden test set). `classes` is the built-in `ilsvrc2012` class set. Returns the devkit
 * ids (1..1000) of the labels in image order.
 */
export async function addIlsvrcHiddenSplit(store, classes, n, now) {
  const d = await store.createDataset({ name: 'ilsvrc', description: 'bench', classSet: 'ilsvrc2012', classes: classes.entries }, now);
  const split = await store.createSplit(d.id, { name: 'val', labelsHidden: true, sourceLayout: 'bench', sourcePath: '-' }, now);
  const r = mulberry32(1);
  const truth = Int32Array.from({ length: n }, () => 1 + Math.floor(r() * 1000));
  const sha = (i) => i.toString(16).padStart(64, '0');
  await store.transaction(async (tx) => {
    await tx.putImages(Array.from({ length: n }, (_, i) => ({ sha256: sha(i), width: 1, height: 1, format: 'jpeg', bytes: 1, created_at: now.toISOString() })));
    await tx.addItems(split.id, Array.from(truth, (id, i) => ({
      position: i, name: `ILSVRC2012_val_${String(i + 1).padStart(8, '0')}.JPEG`, image_sha256: sha(i), wnid: classes.byDevkitId(id).wnid,
      source_path: null, source_url: null, license: null, date_taken: null, date_uploaded: null,
    })));
  });
  return truth;
}
