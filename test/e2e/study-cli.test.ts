import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runHeldout } from '../helpers/run-heldout.js';
import { tempDir } from '../helpers/temp-workspace.js';

interface ReportJson {
  version: string;
  fit: { slope: number; intercept: number; r2: number; n: number; slopeCi: number[]; band: { x: number[]; lower: number[]; upper: number[] }; resamples: number; seed: number };
  meanDrop: { value: number; ci: number[]; method: string; models: number };
  models: Array<{ name: string; original: { accuracy: number; ci: number[]; n: number }; new: { accuracy: number; ci: number[] }; drop: { value: number; ci: number[] }; effectiveRobustness: number | null; inFit: boolean; holdout?: { accuracy: number } }>;
  excluded: Array<{ model: string; kind: string; reason: string }>;
  rankAgreement: { kendallTau: { estimate: number; ci: number[] }; spearmanRho: { estimate: number } };
  decomposition: { adaptivity: { kind: string; value?: number; reason?: string }; distribution: { kind: string }; generalization: { kind: string; halfWidth: number } };
  similarity: { available: boolean; reason?: string };
}

// A published-style table: 8 models on an original set (n=10,000), a new set (n=10,000) and a holdout (n=5,000),
// plus one model missing on the new set, one scored on a different n, and one at 100% (infinite under probit).
const ORIG = [5520, 6100, 6650, 7010, 7480, 7920, 8400, 8890];
const NEW = [4210, 4790, 5400, 5730, 6290, 6800, 7330, 7950];
const HOLD = [2740, 3060, 3310, 3500, 3760, 3950, 4210, 4430];
function csvText(): string {
  const lines = ['model,test_set,correct,n'];
  ORIG.forEach((c, i) => {
    lines.push(`m${i},val,${c},10000`, `m${i},v2,${NEW[i]},10000`, `m${i},holdout,${HOLD[i]},5000`);
  });
  lines.push('only-orig,val,7000,10000', 'short-n,val,7000,9990', 'short-n,v2,6000,10000', 'perfect,val,10000,10000', 'perfect,v2,9000,10000');
  return `${lines.join('\n')}\n`;
}

let dir: string;
let cleanup: () => Promise<void>;
let data: string;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  data = path.join(dir, 'ws');
  await writeFile(path.join(dir, 'acc.csv'), csvText());
});
afterEach(() => cleanup());

async function importTable(...extra: string[]) {
  return runHeldout(data, 'study', 'import', 'tbl', '--csv', path.join(dir, 'acc.csv'), '--original', 'val', '--new', 'v2', ...extra);
}

describe('heldout study import + report', () => {
  it('imports long-format counts and reports fit, mean drop, models, exclusions and decomposition as JSON', async () => {
    const imp = await importTable('--holdout', 'holdout');
    expect(imp.err).toBe('');
    expect(imp.out).toMatch(/imported study tbl: 29 rows, 11 models; val vs v2/);
    const r = await runHeldout(data, 'study', 'report', 'tbl', '--format', 'json', '--bootstrap', '2000', '--seed', '7');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as ReportJson;
    expect(j.version).toBe('heldout-study-report/1');
    expect(j.fit.n).toBe(8);
    expect(j.fit.slope).toBeGreaterThan(0.8);
    expect(j.fit.r2).toBeGreaterThan(0.99);
    expect(j.fit.slopeCi[0]).toBeLessThan(j.fit.slope);
    expect(j.fit.band.x).toHaveLength(61);
    expect(j.fit.resamples).toBe(2000);
    const drops = ORIG.map((c, i) => (c - NEW[i]!) / 10000);
    expect(j.meanDrop.value).toBeCloseTo((drops.reduce((a, b) => a + b, 0) + 0.1) / 9, 12);
    expect(j.meanDrop.method).toBe('counts-conservative');
    expect(j.meanDrop.ci[0]).toBeLessThan(j.meanDrop.value);
    expect(j.models).toHaveLength(9);
    expect(j.models[0]).toMatchObject({ name: 'perfect', inFit: false, effectiveRobustness: null });
    expect(j.models.find((m) => m.name === 'm3')!.original).toMatchObject({ accuracy: 0.701, n: 10000 });
    expect(j.models.find((m) => m.name === 'm3')!.holdout).toMatchObject({ accuracy: 0.7 });
    expect(j.excluded.map((e) => [e.model, e.kind])).toEqual([['only-orig', 'missing'], ['short-n', 'n-mismatch'], ['perfect', 'fit-domain']]);
    expect(j.excluded[1]!.reason).toContain('n=9990 on val, where the other models have n=10000');
    expect(j.rankAgreement.kendallTau.estimate).toBe(1);
    expect(j.decomposition.adaptivity.kind).toBe('estimate');
    expect(j.decomposition.distribution.kind).toBe('estimate');
    expect(j.decomposition.generalization.kind).toBe('bound');
    expect(j.similarity).toEqual({ available: false, reason: 'only accuracy counts were imported; agreement needs per-image predictions' });
    // Deterministic: the same seed gives the same bytes.
    const again = await runHeldout(data, 'study', 'report', 'tbl', '--format', 'json', '--bootstrap', '2000', '--seed', '7');
    expect(again.out).toBe(r.out);
  });

  it('says the adaptivity gap is not identifiable without a holdout; --clip keeps a perfect model in the fit', async () => {
    await importTable();
    const r = JSON.parse((await runHeldout(data, 'study', 'report', 'tbl', '--format', 'json', '--bootstrap', '200', '--clip', '0.0001')).out) as ReportJson;
    expect(r.decomposition.adaptivity.kind).toBe('not-identifiable');
    expect(r.decomposition.adaptivity.reason).toMatch(/no never-used split/);
    expect(r.fit.n).toBe(9);
    expect(r.excluded.map((e) => e.kind)).toEqual(['missing', 'n-mismatch']);
  });

  it('writes Markdown and self-contained HTML (inline SVG, no external URLs) with --out', async () => {
    await importTable();
    const md = await runHeldout(data, 'study', 'report', 'tbl', '--bootstrap', '200', '--transform', 'logit');
    expect(md.out).toMatch(/^# Study tbl: v2 vs val/);
    expect(md.out).toContain('| m7 | 88.90% [');
    expect(md.out).toContain('not identifiable');
    const out = path.join(dir, 'report.html');
    const h = await runHeldout(data, 'study', 'report', 'tbl', '--bootstrap', '200', '--out', out);
    expect(h.out).toMatch(/wrote html report of study tbl/);
    const html = await readFile(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    const urls = [...html.matchAll(/(?:href|src)="([^"]*)"|url\(([^)#][^)]*)\)|https?:\/\/[^\s"<]+/g)].map((m) => m[0]);
    expect(urls.filter((u) => !u.startsWith('http://www.w3.org/2000/svg'))).toEqual([]);
    expect(html).not.toMatch(/<script|<link /);
  });

  it('lists and removes studies', async () => {
    await importTable();
    expect((await runHeldout(data, 'study', 'list')).out).toMatch(/^tbl\timport\tval vs v2/);
    const list = JSON.parse((await runHeldout(data, 'study', 'list', '--json')).out) as Array<{ name: string; newSets: string[] }>;
    expect(list).toMatchObject([{ name: 'tbl', newSets: ['v2'] }]);
    expect((await runHeldout(data, 'study', 'remove', 'tbl')).code).toBe(0);
    const gone = await runHeldout(data, 'study', 'report', 'tbl');
    expect(gone.code).toBe(1);
    expect(gone.err).toMatch(/no study named "tbl"/);
  });
});

describe('bad input', () => {
  async function importCsv(text: string, ...extra: string[]) {
    await writeFile(path.join(dir, 'bad.csv'), text);
    return runHeldout(data, 'study', 'import', 'bad', '--csv', path.join(dir, 'bad.csv'), '--original', 'a', ...extra);
  }

  it('accuracies outside [0, 1] suggest --percent; with --percent they are read as percentages', async () => {
    const text = 'model,test_set,accuracy,n\nx,a,76.1,1000\nx,b,70.2,1000\ny,a,80.5,1000\ny,b,71.0,1000\n';
    const r = await importCsv(text);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.csv:2: accuracy 76\.1 is outside \[0, 1\]; pass --percent/);
    const ok = await importCsv(text, '--percent');
    expect(ok.code).toBe(0);
    const j = JSON.parse((await runHeldout(data, 'study', 'report', 'bad', '--format', 'json', '--bootstrap', '50')).out) as ReportJson;
    expect(j.models.map((m) => m.original.accuracy)).toEqual([0.805, 0.761]);
    expect((await importCsv('model,test_set,accuracy,n\nx,a,101,1000\n', '--percent')).err).toMatch(/accuracy 101 is outside \[0, 100\]/);
  });

  it('names the line of a bad count, a duplicate, a missing column, an unknown set', async () => {
    expect((await importCsv('model,test_set,correct,n\nx,a,11,10\n')).err).toMatch(/bad\.csv:2: correct 11 is more than n 10/);
    expect((await importCsv('model,test_set,correct,n\nx,a,-1,10\n')).err).toMatch(/bad\.csv:2: correct: correct must be a non-negative integer/);
    expect((await importCsv('model,test_set,correct,n\nx,a,1,10\nx,a,2,10\n')).err).toMatch(/bad\.csv:3: model x on a is listed twice \(first on line 2\)/);
    expect((await importCsv('model,set,correct,n\nx,a,1,10\n')).err).toMatch(/missing column\(s\) test_set/);
    expect((await importCsv('model,test_set,correct,n\nx,b,1,10\n')).err).toMatch(/the original test set "a" has no rows/);
    expect((await importCsv('model,test_set,correct,n\nx,a,1,10\n')).err).toMatch(/no test set besides the original a/);
  });

  it('0 or 1 under probit is excluded from the fit; too few models left is an error', async () => {
    await importCsv('model,test_set,correct,n\nx,a,10,10\nx,b,9,10\ny,a,8,10\ny,b,7,10\n');
    const r = await runHeldout(data, 'study', 'report', 'bad', '--format', 'json');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/only 1 model\(s\) can enter the probit fit; a fit needs at least 2/);
    const lin = JSON.parse((await runHeldout(data, 'study', 'report', 'bad', '--format', 'json', '--transform', 'linear', '--bootstrap', '50')).out) as ReportJson;
    expect(lin.fit.n).toBe(2);
  });

  it('refuses an unknown new set and a missing study', async () => {
    await importCsv('model,test_set,correct,n\nx,a,6,10\nx,b,5,10\ny,a,8,10\ny,b,7,10\n');
    expect((await runHeldout(data, 'study', 'report', 'bad', '--new', 'zz')).err).toMatch(/study bad has no new test set zz \(it has b\)/);
    expect((await runHeldout(data, 'study', 'create', 's', '--original', 'nope', '--new', 'nada')).err).toMatch(/no dataset named "nope"/);
  });
});
