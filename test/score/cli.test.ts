import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltinClassSet } from '../../src/catalog/builtin-class-sets.js';
import { binomialInterval } from '../../src/stats/binomial-interval.js';
import { npyBytes } from '../formats/predictions/helpers.js';
import { runCli } from '../helpers/run-heldout.js';

function heldout(...args: string[]) {
  return runCli(args);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON output is checked field by field
const json = (s: string): any => JSON.parse(s);

const ilsvrc = loadBuiltinClassSet('ilsvrc2012');
const N = 200;
// Image i has devkit label (i % 1000) + 1; model A puts it first on 3/4 of images, second on the rest; B is right at
// top-1 on the first half only, and lists nothing useful otherwise.
const truth = Array.from({ length: N }, (_, i) => (i * 37) % 1000 + 1);
const other = (d: number) => (d % 1000) + 1;
const predsA = truth.map((d, i) => (i % 4 === 3 ? [other(d), d, other(d + 1)] : [d, other(d), other(d + 1), other(d + 2), other(d + 3)]));
const predsB = truth.map((d, i) => (i < N / 2 ? [d] : [other(d + 5)]));

let dir: string;
const f = (name: string) => path.join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'heldout-score-'));
  await writeFile(f('gt.txt'), `${truth.join('\n')}\n`);
  await writeFile(f('a.txt'), `${predsA.map((r) => r.join(' ')).join('\n')}\n`);
  await writeFile(f('b.txt'), `${predsB.map((r) => r.join(' ')).join('\r\n')}\r\n`);
  await writeFile(f('short.txt'), `${predsA.slice(1).map((r) => r.join(' ')).join('\n')}\n`);
  await writeFile(f('bad.txt'), `${predsA.map((r, i) => (i === 41 ? '5 x 7' : r.join(' '))).join('\n')}\n`);
  const id = (i: number) => `ILSVRC2012_val_${String(i + 1).padStart(8, '0')}.JPEG`;
  const wnid = (d: number) => ilsvrc.byDevkitId(d).wnid;
  await writeFile(f('labels.csv'), `image_id,label\n${truth.map((d, i) => `${id(i)},${wnid(d)}`).join('\n')}\n`);
  // Reversed row order: CSV files are joined by image_id, not by line.
  await writeFile(f('a.csv'), `image_id,pred1,pred2,pred3,pred4,pred5\n${predsA.map((r, i) => `${id(i)},${r.map(wnid).join(',')}`).reverse().join('\n')}\n`);
  await writeFile(f('a.jsonl'), predsA.map((r, i) => JSON.stringify({ image_id: id(i), top: r.map((d) => ilsvrc.byDevkitId(d).index) })).join('\n'));
  await writeFile(f('labels-index.jsonl'), truth.map((d, i) => JSON.stringify({ image_id: id(i), label: ilsvrc.byDevkitId(d).index })).join('\n'));
  const logits = new Float32Array(N * 1000);
  predsA.forEach((r, i) => r.forEach((d, j) => (logits[i * 1000 + ilsvrc.byDevkitId(d).index] = 10 - j)));
  await writeFile(f('a-logits.npy'), npyBytes('<f4', [N, 1000], new Uint8Array(logits.buffer)));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const TOP1 = N * 3 / 4;

describe('heldout score', () => {
  it('prints accuracy with n and a Clopper–Pearson interval', async () => {
    const r = await heldout('score', '--labels', f('gt.txt'), '--predictions', f('a.txt'));
    const ci = binomialInterval(TOP1, N);
    const pct = (x: number) => (x * 100).toFixed(2);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out.split('\n')[0]).toBe(`top-1 accuracy 75.00% [${pct(ci.lower)}, ${pct(ci.upper)}] (n=200, 95% Clopper–Pearson)`);
    expect(r.out.split('\n')[1]).toMatch(/^top-5 accuracy 100\.00% \[98\.\d\d, 100\.00\] \(n=200, 95% Clopper–Pearson\)$/);
    expect(r.out).toContain('image(s) had fewer than 5 guesses');
  });

  it('prints the JSON of the issue: n, top1, top5 as fractions with ci', async () => {
    const r = await heldout('score', '--labels', f('gt.txt'), '--predictions', f('a.txt'), '--json');
    const j = json(r.out);
    const ci = binomialInterval(TOP1, N);
    expect(j).toMatchObject({ n: 200, k: 5, confidence: 0.95, interval: 'clopper-pearson', ignoredGuesses: 0, repeatedGuesses: 0, rowsWithFewerGuesses: 50 });
    expect(j.top1).toEqual({ correct: 150, n: 200, accuracy: 0.75, error: 0.25, ci: [ci.lower, ci.upper] });
    expect(j.top5).toMatchObject({ correct: 200, accuracy: 1, error: 0 });
    expect(j.labels).toMatchObject({ format: 'ilsvrc', labelSpace: 'devkit', n: 200 });
  });

  it('names the key top{k}, and reports guesses beyond k', async () => {
    const j = json((await heldout('score', '--labels', f('gt.txt'), '--predictions', f('a.txt'), '--json', '--k', '2', '--interval', 'wilson', '--confidence', '0.9')).out);
    expect(Object.keys(j)).toContain('top2');
    expect(j.top5).toBeUndefined();
    expect(j.top2.correct).toBe(200);
    expect(j.ignoredGuesses).toBe(150 * 3 + 50);
    expect(j).toMatchObject({ interval: 'wilson', confidence: 0.9 });
    const ci = binomialInterval(150, 200, { method: 'wilson', alpha: 0.1 });
    expect(j.top1.ci[0]).toBeCloseTo(ci.lower, 14);
    const one = json((await heldout('score', '--labels', f('gt.txt'), '--predictions', f('a.txt'), '--json', '--k', '1')).out);
    expect(Object.keys(one).filter((key) => key.startsWith('top'))).toEqual(['top1']);
  });

  it('gives the same numbers from CSV (wnids, any row order), JSONL (indices) and .npy logits', async () => {
    const base = json((await heldout('score', '--labels', f('gt.txt'), '--predictions', f('a.txt'), '--json')).out);
    const csv = json((await heldout('score', '--labels', f('labels.csv'), '--predictions', f('a.csv'), '--label-space', 'wnid', '--json')).out);
    const jsonl = json((await heldout('score', '--labels', f('labels-index.jsonl'), '--predictions', f('a.jsonl'), '--label-space', 'index', '--json')).out);
    const npy = await heldout('score', '--labels', f('gt.txt'), '--labels-space', 'devkit', '--predictions', f('a-logits.npy'), '--label-space', 'index', '--json');
    expect(npy.err).toBe('');
    for (const j of [csv, jsonl, json(npy.out)]) {
      expect(j.top1).toEqual(base.top1);
      expect(j.top5).toEqual(base.top5);
    }
    expect(csv.predictions.format).toBe('csv');
  });

  it('reports per-class accuracy and the confusion matrix on request', async () => {
    const j = json((await heldout('score', '--labels', f('gt.txt'), '--predictions', f('a.txt'), '--json', '--per-class', '--confusion')).out);
    expect(j.perClass).toHaveLength(200);
    expect(j.perClass.find((c: { wnid: string }) => c.wnid === 'n01440764')).toBeUndefined(); // not among the 200 labels
    const first = j.perClass[0];
    expect(first).toMatchObject({ n: 1 });
    expect(Object.keys(first)).toEqual(['wnid', 'index', 'devkitId', 'name', 'n', 'top1', 'top5']);
    expect(j.confusion.reduce((s: number, c: { count: number }) => s + c.count, 0)).toBe(200);
    expect(j.confusion.filter((c: { truth: string; predicted: string }) => c.truth !== c.predicted)).toHaveLength(50);
    const text = (await heldout('score', '--labels', f('gt.txt'), '--predictions', f('a.txt'), '--per-class', '--confusion')).out;
    expect(text).toContain('per-class accuracy (95% Clopper–Pearson):');
    expect(text).toContain('most frequent top-1 confusions');
  });

  it('exits 2 with one line naming file and line on bad input', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--predictions', f('bad.txt')], /bad\.txt:42: "x" is not a devkit ID \(an integer 1\.\.1000\)$/],
      [['--predictions', f('short.txt')], /short\.txt has 199 rows but .*gt\.txt has 200 labels/],
      [['--predictions', f('missing.txt')], /cannot read .*missing\.txt: no such file$/],
      [['--predictions', f('a.csv')], /a\.csv:2: pred1: "n\d{8}" is not a devkit ID/],
      [['--predictions', f('a.txt'), '--classes', f('nope.tsv')], /class set ".*nope\.tsv" is neither built-in/],
      [['--predictions', f('a.csv'), '--label-space', 'wnid', '--labels-space', 'devkit'], /a\.csv is keyed by image_id \(csv\) but .*gt\.txt is ordered by row/],
    ];
    for (const [args, message] of cases) {
      const r = await heldout('score', '--labels', f('gt.txt'), ...args);
      expect(r.code, r.err).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err.trim()).toMatch(message);
    }
  });

  it('exits 2 on bad options', async () => {
    for (const args of [['--k', '0'], ['--k', 'five'], ['--confidence', '1.5'], ['--confidence', 'x'], ['--format', 'xml'], ['--label-space', 'synset']]) {
      const r = await heldout('score', '--labels', f('gt.txt'), '--predictions', f('a.txt'), ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.out).toBe('');
    }
  });
});

describe('heldout compare', () => {
  it('prints both accuracies, McNemar counts and tests, and the bootstrap interval of the difference', async () => {
    const r = await heldout('compare', '--labels', f('gt.txt'), f('a.txt'), f('b.txt'), '--seed', '5', '--bootstrap', '3000');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`A: ${f('a.txt')}\n  top-1 accuracy 75.00%`);
    expect(r.out).toContain(`B: ${f('b.txt')}\n  top-1 accuracy 50.00%`);
    expect(r.out).toMatch(/top-1 difference A − B \+25\.00 points \[\d+\.\d\d, \d+\.\d\d\] \(95% paired bootstrap, 3000 resamples, seed 5\)/);
    expect(r.out).toContain('McNemar: b=75 (only A right), c=25 (only B right); exact p=');
  });

  it('prints JSON with b and c, both tests and a reproducible interval', async () => {
    const run = async (seed: string) => json((await heldout('compare', '--labels', f('gt.txt'), f('a.txt'), f('b.txt'), '--json', '--seed', seed)).out);
    const j = await run('9');
    expect(j).toMatchObject({ n: 200, k: 5, confidence: 0.95 });
    expect(j.a.top1).toMatchObject({ correct: 150 });
    expect(j.b.top1).toMatchObject({ correct: 100 });
    expect(j.top1.mcnemar).toMatchObject({ b: 75, c: 25 });
    expect(j.top1.mcnemar.exact.pValue).toBeLessThan(1e-5);
    expect(j.top1.mcnemar.chiSquare.statistic).toBeCloseTo(49 * 49 / 100, 12);
    expect(j.top1.difference).toMatchObject({ estimate: 0.25, resamples: 10000, seed: 9 });
    expect(j.top5.mcnemar).toMatchObject({ b: 100, c: 0 });
    expect((await run('9')).top1.difference).toEqual(j.top1.difference);
  });

  it('exits 2 when the files do not line up', async () => {
    const r = await heldout('compare', '--labels', f('gt.txt'), f('a.txt'), f('short.txt'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/short\.txt has 199 rows/);
    expect((await heldout('compare', '--labels', f('gt.txt'), f('a.txt'), f('b.txt'), '--seed', '0')).code).toBe(2);
  });
});
