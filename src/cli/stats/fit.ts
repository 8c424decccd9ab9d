// `heldout stats fit`: accuracy-on-the-line fits across models from a CSV, with an optional seeded bootstrap.
import { UserError, at } from '../../errors.js';
import { bootstrapFitBand, type FitBand } from '../../stats/bootstrap-fit-band.js';
import { effectiveRobustness } from '../../stats/effective-robustness.js';
import { fitTransformed, type LinearFit } from '../../stats/fit-transformed.js';
import type { Interval } from '../../stats/interval.js';
import { seededRng } from '../../stats/rng.js';
import type { TransformName } from '../../stats/transforms.js';
import { cell, readCsvTable } from './csv-table.js';
import { userInput, parseNumber } from './parse.js';

/** Parsed options of `stats fit`. */
export interface FitCommandOptions {
  readonly csv: string;
  readonly x: string;
  readonly y: string;
  /** Column naming the models: used in errors and for per-model effective robustness. */
  readonly name: string | undefined;
  readonly transform: TransformName;
  /** The CSV holds percentages (0..100); reported accuracies are then percentages too. */
  readonly percent: boolean;
  readonly clip: number | undefined;
  /** Bootstrap settings, or undefined for the point fit only. */
  readonly bootstrap: { resamples: number; seed: number; confidence: number; alpha: number; grid: number } | undefined;
}

/** One model as reported with --name (accuracies in the input's unit). */
export interface ModelRow {
  readonly name: string;
  readonly x: number;
  readonly y: number;
  readonly predicted: number;
  readonly effectiveRobustness: number;
}

/** The result of `stats fit`, in the shape printed by --json. */
export interface FitReport {
  readonly n: number;
  readonly slope: number;
  readonly intercept: number;
  readonly r2: number;
  /** NaN (JSON null) with 2 models. */
  readonly residualSe: number;
  readonly transform: TransformName;
  readonly clip: number | null;
  readonly x: string;
  readonly y: string;
  readonly unit: 'fraction' | 'percent';
  bootstrap?: {
    readonly resamples: number;
    readonly seed: number;
    readonly confidence: number;
    readonly redrawn: number;
    readonly slope: Interval;
    readonly intercept: Interval;
    /** Pointwise band of the fitted y on an evenly spaced grid from the smallest to the largest x. */
    readonly band: ReadonlyArray<{ x: number; fit: number; lower: number; upper: number }>;
  };
  models?: readonly ModelRow[];
}

/** Reads the CSV, fits, and (with bootstrap settings) resamples. Bad input throws a UserError naming file, line or model. */
export function runFit(o: FitCommandOptions): FitReport {
  const table = readCsvTable(o.csv, [o.x, o.y, ...(o.name === undefined ? [] : [o.name])]);
  const scale = o.percent ? 100 : 1;
  const xs: number[] = [];
  const ys: number[] = [];
  const names: string[] = [];
  const labels: string[] = [];
  for (const row of table.rows) {
    xs.push(accuracy(cell(table, row, o.x), o.percent));
    ys.push(accuracy(cell(table, row, o.y), o.percent));
    const where = at(table.file, row.line);
    const name = o.name === undefined ? '' : cell(table, row, o.name).text.trim();
    names.push(name === '' ? where : name);
    labels.push(name === '' ? where : `${name} (${where})`);
  }
  const fx = xs.map((v) => v / scale);
  const fy = ys.map((v) => v / scale);
  const rewrite = (m: string): string => m
    .replace('pass clip (e.g. 1e-4)', 'pass --clip (e.g. 1e-4)')
    .replace('takes fractions, not percentages', 'takes fractions, not percentages; pass --percent if the CSV holds percentages');
  const options = { transform: o.transform, clip: o.clip, names: labels };

  let fit: LinearFit;
  let band: FitBand | undefined;
  let gridInUnit: number[] = [];
  let grid: number[] = [];
  if (o.bootstrap === undefined) {
    fit = userInput(() => fitTransformed(fx, fy, options), 'stats fit: ', rewrite);
  } else {
    const b = o.bootstrap;
    gridInUnit = linspace(xs.reduce((a, v) => Math.min(a, v)), xs.reduce((a, v) => Math.max(a, v)), b.grid);
    grid = gridInUnit.map((v) => v / scale);
    band = userInput(() => bootstrapFitBand(fx, fy, { ...options, rng: seededRng(b.seed), grid, resamples: b.resamples, alpha: b.alpha }), 'stats fit: ', rewrite);
    fit = band.fit;
  }

  const report: FitReport = {
    n: fit.n, slope: fit.slope, intercept: fit.intercept, r2: fit.r2, residualSe: fit.residualSe,
    transform: fit.transform, clip: fit.clip ?? null, x: o.x, y: o.y, unit: o.percent ? 'percent' : 'fraction',
  };
  if (band !== undefined && o.bootstrap !== undefined) {
    const { lower, upper } = band;
    report.bootstrap = {
      resamples: band.resamples, seed: o.bootstrap.seed, confidence: o.bootstrap.confidence, redrawn: band.redrawn,
      slope: band.slope, intercept: band.intercept,
      band: gridInUnit.map((x, j) => ({ x, fit: fit.predict(grid[j]!) * scale, lower: lower[j]! * scale, upper: upper[j]! * scale })),
    };
  }
  if (o.name !== undefined) {
    const er = userInput(() => effectiveRobustness(fit, fx, fy, labels), 'stats fit: ', rewrite);
    report.models = names.map((name, i): ModelRow => ({
      name, x: xs[i]!, y: ys[i]!, predicted: fit.predict(fx[i]!) * scale, effectiveRobustness: er[i]! * scale,
    }));
  }
  return report;
}

function accuracy(c: { text: string; label: string }, percent: boolean): number {
  const v = parseNumber(c.text, c.label);
  if (percent && !(v >= 0 && v <= 100)) throw new UserError(`${c.label}: ${v} is outside [0, 100], which --percent expects`);
  return v;
}

/** `count` evenly spaced values from lo to hi inclusive (numpy's linspace: exact at both ends). */
export function linspace(lo: number, hi: number, count: number): number[] {
  if (count === 1) return [lo];
  return Array.from({ length: count }, (_, j) => (j === count - 1 ? hi : lo + ((hi - lo) * j) / (count - 1)));
}

/** The --json object: NaN (residual SE with 2 models) becomes null. */
export function fitJson(r: FitReport): unknown {
  return { ...r, residualSe: Number.isFinite(r.residualSe) ? r.residualSe : null };
}

/** Human-readable report: the fit with n, the bootstrap intervals, a thinned band and effective robustness. */
export function fitText(r: FitReport): string {
  const acc = (v: number): string => (r.unit === 'percent' ? v.toFixed(2) : v.toFixed(4));
  const num = (v: number): string => (Number.isFinite(v) ? v.toFixed(4) : 'n/a');
  const signed = (v: number): string => (v >= 0 ? '+' : '') + acc(v);
  const g = r.transform === 'linear' ? (s: string) => s : (s: string) => `${r.transform}(${s})`;
  const lines = [`${g(r.y)} = slope · ${g(r.x)} + intercept, OLS across n = ${r.n} models (accuracies as ${r.unit === 'percent' ? 'percentages' : 'fractions'}${r.clip === null ? '' : `, clip ${r.clip}`})`];
  const b = r.bootstrap;
  const ci = (i: Interval): string => (b === undefined ? '' : `   ${percent(b.confidence)} CI [${num(i.lower)}, ${num(i.upper)}]`);
  lines.push(`  slope        ${num(r.slope).padStart(9)}${b === undefined ? '' : ci(b.slope)}`);
  lines.push(`  intercept    ${num(r.intercept).padStart(9)}${b === undefined ? '' : ci(b.intercept)}`);
  lines.push(`  r²           ${num(r.r2).padStart(9)}`);
  lines.push(`  residual SE  ${num(r.residualSe).padStart(9)}${r.transform === 'linear' ? '' : `   (on the ${r.transform} scale)`}`);
  if (b === undefined) {
    lines.push('  no intervals: add --bootstrap N (and --seed S) for percentile CIs of slope and intercept and a band');
  } else {
    lines.push(`  percentile bootstrap over models: ${b.resamples} resamples, seed ${b.seed}${b.redrawn > 0 ? `, ${b.redrawn} degenerate resamples redrawn` : ''}`);
    const step = Math.max(1, Math.ceil((b.band.length - 1) / 10));
    const shown = b.band.filter((_, j) => j % step === 0 || j === b.band.length - 1);
    lines.push('', `${percent(b.confidence)} pointwise band of the fitted ${r.y} (${shown.length} of ${b.band.length} grid points; --json lists all)`);
    lines.push(`  ${'x'.padStart(9)} ${'fit'.padStart(9)} ${'lower'.padStart(9)} ${'upper'.padStart(9)}`);
    for (const p of shown) lines.push(`  ${acc(p.x).padStart(9)} ${acc(p.fit).padStart(9)} ${acc(p.lower).padStart(9)} ${acc(p.upper).padStart(9)}`);
  }
  if (r.models !== undefined) {
    const width = Math.max(5, ...r.models.map((m) => m.name.length));
    lines.push('', `effective robustness: ${r.y} minus the fitted ${r.y} at the model's ${r.x}`);
    lines.push(`  ${'model'.padEnd(width)} ${r.x.padStart(9)} ${r.y.padStart(9)} ${'fitted'.padStart(9)} ${'eff. rob.'.padStart(9)}`);
    for (const m of r.models) {
      lines.push(`  ${m.name.padEnd(width)} ${acc(m.x).padStart(9)} ${acc(m.y).padStart(9)} ${acc(m.predicted).padStart(9)} ${signed(m.effectiveRobustness).padStart(9)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** 0.95 → "95%", without the binary noise of 0.57 · 100 = 56.99999999999999. */
function percent(p: number): string {
  return `${Number((p * 100).toPrecision(12))}%`;
}
