import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bootstrapFitBand } from '../../src/stats/bootstrap-fit-band.js';
import { seededRng } from '../../src/stats/rng.js';
import { ErrorTracker, num, readFixture, relErr } from '../stats/fixtures.js';
import { runCli } from '../helpers/run-heldout.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/stats/', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'heldout-stats-'));

/** Runs `heldout stats …` in-process and returns its exit code and collected output. */
function stats(...args: string[]) {
  return runCli(['stats', ...args]);
}

/** Writes a temp file and returns its path. */
function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

/** Splits CSV output into header and rows, checking every number is printed as its shortest round-trip decimal. */
function csvOut(out: string): { header: string; rows: string[][] } {
  expect(out.endsWith('\n')).toBe(true);
  const [header, ...lines] = out.trimEnd().split('\n');
  const rows = lines.map((l) => l.split(','));
  for (const r of rows) for (const c of r) expect(String(Number(c))).toBe(c);
  return { header: header!, rows };
}

/** Expects a one-line usage error with exit code 2 whose message matches `pattern`. */
async function expectUserError(args: string[], pattern: RegExp): Promise<void> {
  const r = await stats(...args);
  expect(r.code, r.err).toBe(2);
  expect(r.out).toBe('');
  expect(r.err).toMatch(/^heldout: [^\n]*\n$/);
  expect(r.err).toMatch(pattern);
}

describe('heldout stats interval', () => {
  it('prints k,n,alpha,lower,upper at full double precision for one interval', async () => {
    const r = await stats('interval', '--method', 'wilson', '--k', '1', '--n', '1');
    expect(r.code).toBe(0);
    // The fixture's value (scipy), printed as Python's repr: the same shortest round-trip decimal.
    expect(r.out).toBe('k,n,alpha,lower,upper\n1,1,0.05,0.20654931437723745,1\n');
    const cp = await stats('interval', '--k', '0', '--n', '1', '--alpha', '0.05');
    expect(cp.out).toBe('k,n,alpha,lower,upper\n0,1,0.05,0,0.975\n');
  });

  for (const method of ['clopper-pearson', 'wilson'] as const) {
    it(`--csv with --method ${method} matches the scipy fixture within 1e-9`, async () => {
      // The fixture has both methods and extra columns; extra columns are ignored and each row comes back in order.
      const r = await stats('interval', '--method', method, '--csv', path.join(FIXTURES, 'intervals.csv'));
      expect(r.code, r.err).toBe(0);
      const { header, rows } = csvOut(r.out);
      expect(header).toBe('k,n,alpha,lower,upper');
      const fixture = readFixture('intervals.csv');
      expect(rows).toHaveLength(fixture.length);
      const t = new ErrorTracker();
      fixture.forEach((f, i) => {
        const row = rows[i]!;
        expect(row.slice(0, 3).map(Number)).toEqual([num(f.k), num(f.n), num(f.alpha)]);
        if (f.method !== method) return;
        t.add(Number(row[3]), num(f.lower), `k=${f.k} n=${f.n} lower`);
        t.add(Number(row[4]), num(f.upper), `k=${f.k} n=${f.n} upper`);
      });
      expect(t.max, t.where).toBeLessThanOrEqual(1e-9);
    });
  }

  it('--csv without an alpha column uses --alpha, default 0.05', async () => {
    const f = file('kn.csv', 'n,k\n100,76\r\n\n10,10\n');
    expect((await stats('interval', '--csv', f)).out).toMatch(/^k,n,alpha,lower,upper\n76,100,0\.05,[^\n]+\n10,10,0\.05,[^\n]+,1\n$/);
    expect((await stats('interval', '--csv', f, '--alpha', '0.1')).out).toMatch(/\n76,100,0\.1,/);
  });

  it('rejects bad input with exit code 2, naming the flag or the CSV line', async () => {
    await expectUserError(['interval', '--k', '5', '--n', '3'], /--k \(5\) must be ≤ --n \(3\)/);
    await expectUserError(['interval', '--k', 'abc', '--n', '3'], /--k must be an integer ≥ 0, got "abc"/);
    await expectUserError(['interval', '--k', '1.5', '--n', '3'], /--k must be an integer/);
    await expectUserError(['interval', '--k', '1', '--n', '0'], /--n must be an integer ≥ 1/);
    await expectUserError(['interval', '--k', '1', '--n', '3', '--alpha', '1.5'], /--alpha must be strictly between 0 and 1/);
    await expectUserError(['interval', '--k', '1', '--n', '3', '--alpha', '0x1'], /--alpha must be a number/);
    await expectUserError(['interval', '--k', '1'], /give --k and --n, or --csv/);
    await expectUserError(['interval', '--k', '1', '--n', '2', '--csv', 'x.csv'], /not both/);
    await expectUserError(['interval', '--csv', '/nonexistent/k.csv'], /cannot read \/nonexistent\/k\.csv: ENOENT/);
    const bad = file('bad.csv', 'k,n,alpha\n1,10,0.05\n12,10,0.05\n');
    await expectUserError(['interval', '--csv', bad], /bad\.csv:3: k \(12\) must be ≤ n \(10\)/);
    await expectUserError(['interval', '--csv', file('bad2.csv', 'k,n,alpha\n1,10,abc\n')], /bad2\.csv:2: alpha must be a number, got "abc"/);
    await expectUserError(['interval', '--csv', file('bad3.csv', 'k,alpha\n1,0.05\n')], /bad3\.csv:1: no column "n" in the header \(found: k, alpha\)/);
    await expectUserError(['interval', '--csv', file('bad4.csv', 'k,n\n')], /bad4\.csv: no data rows/);
    await expectUserError(['interval', '--csv', file('bad5.csv', 'k,n\n1,2,3\n')], /bad5\.csv:2: not a valid CSV file/);
    await expectUserError(['interval', '--csv', file('bad6.csv', 'k,n,alpha\n1,10,0.05\n'), '--alpha', '0.1'], /--alpha conflicts with the alpha column/);
    const usage = await stats('interval', '--method', 'agresti', '--k', '1', '--n', '2');
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/Allowed choices are clopper-pearson, wilson/);
  });
});

describe('heldout stats mcnemar', () => {
  it('prints b,c,p_exact,chi2_cc,p_chi2_cc for one pair', async () => {
    const r = await stats('mcnemar', '--b', '3', '--c', '7');
    expect(r.code).toBe(0);
    // Exact p = 2 · P(Bin(10, ½) ≤ 3) = 2 · 176/1024; χ² = (|3 − 7| − 1)² / 10 = 0.9.
    const { header, rows } = csvOut(r.out);
    expect(header).toBe('b,c,p_exact,chi2_cc,p_chi2_cc');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.slice(0, 4)).toEqual(['3', '7', '0.34375', '0.9']);
    // χ²(1) survival at 0.9 = 2Φ(−√0.9) (scipy: chi2.sf(0.9, 1)).
    expect(relErr(Number(rows[0]![4]), 0.34278171114790873)).toBeLessThan(1e-9);
  });

  it('--csv matches the statsmodels fixture within 1e-9 (b + c = 0 by our convention: p = 1)', async () => {
    const r = await stats('mcnemar', '--csv', path.join(FIXTURES, 'mcnemar.csv'));
    expect(r.code, r.err).toBe(0);
    const { header, rows } = csvOut(r.out);
    expect(header).toBe('b,c,p_exact,chi2_cc,p_chi2_cc');
    const fixture = readFixture('mcnemar.csv');
    expect(rows).toHaveLength(fixture.length);
    const t = new ErrorTracker();
    fixture.forEach((f, i) => {
      const [b, c, pExact, chi2, pChi2] = rows[i]!.map(Number);
      expect([b, c]).toEqual([num(f.b), num(f.c)]);
      t.add(pExact!, num(f.exact_p), `b=${f.b} c=${f.c} p_exact`);
      t.add(chi2!, num(f.chi2_statistic), `b=${f.b} c=${f.c} chi2`, 1e-12);
      t.add(pChi2!, num(f.chi2_p), `b=${f.b} c=${f.c} p_chi2`);
    });
    expect(t.max, t.where).toBeLessThanOrEqual(1e-9);
  });

  it('rejects bad counts with exit code 2', async () => {
    await expectUserError(['mcnemar', '--b', '-1', '--c', '2'], /--b must be an integer ≥ 0/);
    await expectUserError(['mcnemar', '--b', '1'], /give --b and --c/);
    await expectUserError(['mcnemar', '--csv', file('mc.csv', 'b,c\n1,2\n3,x\n')], /mc\.csv:3: c must be an integer ≥ 0, got "x"/);
    await expectUserError(['mcnemar', '--csv', file('mc2.csv', 'b,b,c\n1,2,3\n')], /mc2\.csv:1: the column "b" appears twice/);
  });
});

describe('heldout stats fit', () => {
  const data = new Map<string, string[]>();
  for (const r of readFixture('fits_data.csv')) data.set(r.dataset!, [...(data.get(r.dataset!) ?? []), `m${r.index},${r.x},${r.y}`]);
  const csvOf = (dataset: string): string => file(`fit-${dataset}.csv`, `model,acc,acc_new\n${data.get(dataset)!.join('\n')}\n`);

  for (const f of readFixture('fits.csv').filter((r) => r.dataset !== 'large')) {
    it(`${f.dataset} / ${f.transform} --json matches scipy.stats.linregress within 1e-9`, async () => {
      const clip = num(f.clip) > 0 ? ['--clip', f.clip!] : [];
      const r = await stats('fit', '--csv', csvOf(f.dataset!), '--x', 'acc', '--y', 'acc_new', '--transform', f.transform!, ...clip, '--json');
      expect(r.code, r.err).toBe(0);
      const j = JSON.parse(r.out);
      expect(Object.keys(j).slice(0, 6)).toEqual(['n', 'slope', 'intercept', 'r2', 'residualSe', 'transform']);
      expect(j).toMatchObject({ n: num(f.n), transform: f.transform, x: 'acc', y: 'acc_new', unit: 'fraction' });
      expect(j.bootstrap).toBeUndefined();
      for (const [k, col] of [['slope', 'slope'], ['intercept', 'intercept'], ['r2', 'r2'], ['residualSe', 'residual_se']] as const) {
        expect(relErr(j[k], num(f[col])), k).toBeLessThanOrEqual(1e-9);
      }
    });
  }

  it('--name prints per-model effective robustness matching the fixture; --percent gives the same fit in percent', async () => {
    const evals = readFixture('fits_eval.csv').filter((e) => e.dataset === 'small' && e.transform === 'probit' && e.kind === 'er');
    const r = await stats('fit', '--csv', csvOf('small'), '--x', 'acc', '--y', 'acc_new', '--name', 'model', '--json');
    const j = JSON.parse(r.out);
    expect(j.models).toHaveLength(12);
    for (const e of evals) {
      const m = j.models[num(e.index)];
      expect(m.name).toBe(`m${e.index}`);
      expect(Math.abs(m.effectiveRobustness - num(e.value))).toBeLessThanOrEqual(1e-12);
      expect(m.predicted).toBeCloseTo(m.y - m.effectiveRobustness, 14);
    }
    const pct = file('pct.csv', `model,acc,acc_new\n${data.get('small')!.map((l) => { const [m, x, y] = l.split(','); return `${m},${Number(x) * 100},${Number(y) * 100}`; }).join('\n')}\n`);
    const p = JSON.parse((await stats('fit', '--csv', pct, '--x', 'acc', '--y', 'acc_new', '--percent', '--name', 'model', '--json')).out);
    expect(p.unit).toBe('percent');
    expect(relErr(p.slope, j.slope)).toBeLessThan(1e-9);
    expect(Math.abs(p.models[3].effectiveRobustness - 100 * j.models[3].effectiveRobustness)).toBeLessThan(1e-9);
  });

  it('--bootstrap gives the same CIs and band as bootstrapFitBand with the same seed, on a 100-point grid', async () => {
    const r = await stats('fit', '--csv', csvOf('medium'), '--x', 'acc', '--y', 'acc_new', '--bootstrap', '500', '--seed', '42', '--confidence', '0.9', '--json');
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    const rows = readFixture('fits_data.csv').filter((d) => d.dataset === 'medium');
    const x = rows.map((d) => num(d.x));
    const y = rows.map((d) => num(d.y));
    const lo = Math.min(...x), hi = Math.max(...x);
    const grid = Array.from({ length: 100 }, (_, i) => (i === 99 ? hi : lo + ((hi - lo) * i) / 99));
    const ref = bootstrapFitBand(x, y, { transform: 'probit', rng: seededRng(42), grid, resamples: 500, alpha: 0.1 });
    expect(j.bootstrap).toMatchObject({ resamples: 500, seed: 42, confidence: 0.9, redrawn: 0, slope: ref.slope, intercept: ref.intercept });
    expect(j.bootstrap.band).toHaveLength(100);
    expect(j.bootstrap.band.map((b: { x: number }) => b.x)).toEqual(grid);
    expect(j.bootstrap.band.map((b: { lower: number }) => b.lower)).toEqual([...ref.lower]);
    expect(j.bootstrap.band.map((b: { upper: number }) => b.upper)).toEqual([...ref.upper]);
    for (const b of j.bootstrap.band) expect(b.lower <= b.fit && b.fit <= b.upper).toBe(true);
    expect(j.bootstrap.slope.lower).toBeLessThan(j.slope);
    expect(j.bootstrap.slope.upper).toBeGreaterThan(j.slope);
    // Same seed, same output.
    const again = await stats('fit', '--csv', csvOf('medium'), '--x', 'acc', '--y', 'acc_new', '--bootstrap', '500', '--seed', '42', '--confidence', '0.9', '--json');
    expect(again.out).toBe(r.out);
  });

  it('prints a readable text report with n, intervals, a thinned band and effective robustness', async () => {
    const r = await stats('fit', '--csv', csvOf('small'), '--x', 'acc', '--y', 'acc_new', '--name', 'model', '--bootstrap', '200', '--seed', '3');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^probit\(acc_new\) = slope · probit\(acc\) \+ intercept, OLS across n = 12 models \(accuracies as fractions\)\n/);
    expect(r.out).toMatch(/\n {2}slope +0\.9527 {3}95% CI \[-?\d\.\d{4}, -?\d\.\d{4}\]\n/);
    expect(r.out).toMatch(/\n {2}intercept +-0\.5376 {3}95% CI \[/);
    expect(r.out).toContain('percentile bootstrap over models: 200 resamples, seed 3');
    expect(r.out).toContain('95% pointwise band of the fitted acc_new (11 of 100 grid points; --json lists all)');
    expect(r.out).toMatch(/\n {2}m0 +0\.\d{4} +0\.\d{4} +0\.\d{4} +[+-]0\.\d{4}\n/);
    const plain = await stats('fit', '--csv', csvOf('tiny'), '--x', 'acc', '--y', 'acc_new', '--transform', 'linear');
    expect(plain.out).toContain('acc_new = slope · acc + intercept, OLS across n = 3 models');
    expect(plain.out).toContain('no intervals: add --bootstrap N');
  });

  it('names the model when probit/logit meets an accuracy of 0 or 1, and other bad input, with exit code 2', async () => {
    const edge = file('edge.csv', 'name,top1,v2\nalexnet,0.56,0.44\nresnet,0.76,0.63\noracle,1,0.9\n');
    await expectUserError(['fit', '--csv', edge, '--x', 'top1', '--y', 'v2', '--name', 'name'], /oracle \(.*edge\.csv:4\): accuracy on x is exactly 1, where the probit transform is infinite; pass --clip/);
    await expectUserError(['fit', '--csv', edge, '--x', 'top1', '--y', 'v2', '--transform', 'logit'], /edge\.csv:4: accuracy on x is exactly 1, where the logit transform/);
    const clipped = await stats('fit', '--csv', edge, '--x', 'top1', '--y', 'v2', '--clip', '1e-3', '--json');
    expect(JSON.parse(clipped.out).clip).toBe(1e-3);
    await expectUserError(['fit', '--csv', edge, '--x', 'top1', '--y', 'v3'], /edge\.csv:1: no column "v3" in the header \(found: name, top1, v2\)/);
    await expectUserError(['fit', '--csv', file('nan.csv', 'a,b\n0.5,0.4\n0.6,n/a\n'), '--x', 'a', '--y', 'b'], /nan\.csv:3: b must be a number, got "n\/a"/);
    await expectUserError(['fit', '--csv', file('pc.csv', 'a,b\n50,40\n60,50\n'), '--x', 'a', '--y', 'b'], /outside \[0, 1\].*pass --percent/);
    await expectUserError(['fit', '--csv', file('pc2.csv', 'a,b\n50,40\n160,50\n'), '--x', 'a', '--y', 'b', '--percent'], /pc2\.csv:3: a: 160 is outside \[0, 100\]/);
    await expectUserError(['fit', '--csv', file('one.csv', 'a,b\n0.5,0.4\n'), '--x', 'a', '--y', 'b'], /at least 2 models/);
    await expectUserError(['fit', '--csv', edge, '--x', 'top1', '--y', 'v2', '--clip', '0.7'], /--clip must be strictly between 0 and 0\.5/);
    await expectUserError(['fit', '--csv', edge, '--x', 'top1', '--y', 'v2', '--bootstrap', '0'], /--bootstrap must be an integer ≥ 1/);
    await expectUserError(['fit', '--csv', edge, '--x', 'top1', '--y', 'v2', '--clip', '0.01', '--bootstrap', '10', '--seed', '0'], /--seed must be an integer ≥ 1/);
    await expectUserError(['fit', '--csv', edge, '--x', 'top1', '--y', 'v2', '--clip', '0.01', '--bootstrap', '10', '--confidence', '95'], /--confidence must be strictly between 0 and 1/);
    expect((await stats('fit', '--csv', edge, '--x', 'top1')).code).toBe(2);
  });
});

describe('heldout stats ladder', () => {
  it('releases the score after each submission (hand-worked, n = 100, η = 0.01)', async () => {
    // R₀ = ∞ → round 1 releases [0.30]. 0.29 is not < 0.30 − 0.01 → keep 0.3. 0.28 < 0.29 → 0.28.
    // 0.25 < 0.27 → 0.25. 0.26 → keep. 0.20 < 0.24 → 0.2.
    const r = await stats('ladder', '--n', '100', '--eta', '0.01', '--errors', '30,29,28,25,26,20');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe([
      'round  errors  loss  accepted  released',
      '    1      30  0.3   yes       0.3',
      '    2      29  0.29  no        0.3',
      '    3      28  0.28  yes       0.28',
      '    4      25  0.25  yes       0.25',
      '    5      26  0.26  no        0.25',
      '    6      20  0.2   yes       0.2',
      '',
    ].join('\n'));
  });

  it('decides on exact decimals: a tie rounds up, and exactly η better is not accepted (--json)', async () => {
    // n = 200, η = 0.01: 57/200 = 0.285 is a tie between 0.28 and 0.29 → 0.29 (0.285/0.01 is 28.499999999999996 in
    // doubles). 14/200 = 0.07 → 0.07. 11/200 = 0.055 < 0.06 → the tie rounds up to 0.06.
    const r = await stats('ladder', '--n', '200', '--eta', '0.01', '--errors', '57, 14, 11', '--json');
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ free: false, n: 200, eta: 0.01 });
    expect(j.rounds.map((x: { released: number }) => x.released)).toEqual([0.29, 0.07, 0.06]);
    expect(j.rounds.map((x: { accepted: boolean }) => x.accepted)).toEqual([true, true, true]);
    // 0.06 is not < 0.07 − 0.01 (doubles would say it is).
    const tie = JSON.parse((await stats('ladder', '--n', '100', '--eta', '0.01', '--errors', '7,6', '--json')).out);
    expect(tie.rounds.map((x: { accepted: boolean }) => x.accepted)).toEqual([true, false]);
    expect(tie.rounds[1]).toEqual({ round: 2, errors: 6, loss: 0.06, accepted: false, steps: 7, released: 0.07 });
  });

  it('--free runs the parameter-free Ladder on 0/1 loss vectors (hand-worked, n = 4)', async () => {
    // Round 1: losses 1100, first → accepted, R = 2/4; sd of (1,1,0,0) = √(1/3).
    // Round 2: 0100 vs leader 1100: d = (−1,0,0,0), D = −1, Q = 1: D² = Q, i.e. 0.25 = 0.5 − 0.5/√4 → rejected.
    // Round 3: 0000: d = (−1,−1,0,0), D = −2, Q = 2: D² > Q → accepted, R = 0.
    const losses = file('losses.txt', '1100\n0,1,0,0\n\n0 0 0 0\n');
    const r = await stats('ladder', '--free', '--n', '4', '--losses', losses);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe([
      'round  errors  loss  sd        accepted  released',
      '    1       2  0.5   0.577350  yes       0.5',
      '    2       1  0.25  0.500000  no        0.5',
      '    3       0  0     0.577350  yes       0',
      '',
    ].join('\n'));
    const j = JSON.parse((await stats('ladder', '--free', '--n', '4', '--losses', losses, '--json')).out);
    expect(j.free).toBe(true);
    expect(j.rounds.map((x: { releasedErrors: number }) => x.releasedErrors)).toEqual([2, 2, 0]);
  });

  it('rejects bad input with exit code 2', async () => {
    await expectUserError(['ladder', '--n', '100', '--eta', '0.01', '--errors', '30,abc'], /--errors: submission 2 must be an integer ≥ 0, got "abc"/);
    await expectUserError(['ladder', '--n', '100', '--eta', '0.01', '--errors', '30,101'], /--errors: submission 2 has 101 errors, more than --n \(100\)/);
    await expectUserError(['ladder', '--n', '100', '--eta', '-0.01', '--errors', '30'], /--eta must be > 0/);
    await expectUserError(['ladder', '--n', '100', '--errors', '30'], /give --eta and --errors/);
    await expectUserError(['ladder', '--n', '100', '--eta', '0.01', '--losses', 'x.txt'], /--losses needs --free/);
    await expectUserError(['ladder', '--free', '--n', '4', '--eta', '0.01'], /--free takes --losses FILE/);
    await expectUserError(['ladder', '--free', '--n', '4', '--losses', file('l1.txt', '1100\n110\n')], /l1\.txt:2: expected n = 4 losses \(--n\), got 3/);
    await expectUserError(['ladder', '--free', '--n', '4', '--losses', file('l2.txt', '1,1,2,0\n')], /l2\.txt:1: loss 3 must be 0 or 1, got "2"/);
    await expectUserError(['ladder', '--free', '--n', '1', '--losses', file('l3.txt', '1\n')], /--n must be an integer ≥ 2/);
  });
});
