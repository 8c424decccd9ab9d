import type { ClassSet } from '../classes/class-set.js';
import { accuracyLine, intervalText, percentWithCi, proportionJson } from './report-text.js';
import type { PredictionSummary } from './file-summary.js';
import type { ScoreReport } from './score-files.js';

/** The JSON of `heldout score --json`: `n`, `top1`, `top{k}` (fractions with `ci`), counts of odd guesses, files. */
export function scoreJson(report: ScoreReport): Record<string, unknown> {
  const { result, classes } = report;
  const out: Record<string, unknown> = { n: result.n, k: result.k, confidence: result.interval.confidence, interval: result.interval.method };
  for (const a of result.accuracy) out[`top${a.k}`] = proportionJson(a);
  Object.assign(out, guessCounts(report.predictions), {
    classes: classes.name,
    labels: report.labels,
    predictions: { file: report.predictions.file, format: report.predictions.format, labelSpace: report.predictions.labelSpace, n: report.predictions.n },
  });
  if (result.perClass) {
    out.perClass = result.perClass.map((c) => {
      const row: Record<string, unknown> = { ...classJson(classes, c.index), n: c.n };
      c.top.forEach((p, t) => (row[`top${result.accuracy[t]!.k}`] = proportionJson(p)));
      return row;
    });
  }
  if (result.confusion) {
    out.confusion = result.confusion.map((c) => ({
      truth: classes.byIndex(c.truth).wnid,
      predicted: c.predicted < 0 ? null : classes.byIndex(c.predicted).wnid,
      count: c.correct,
      n: c.n,
      rate: c.accuracy,
      ci: [c.ci[0], c.ci[1]],
    }));
  }
  return out;
}

/** The text of `heldout score`. */
export function scoreText(report: ScoreReport): string {
  const { result, classes } = report;
  const lines = result.accuracy.map((a) => accuracyLine(a.k, a, result.interval));
  lines.push(...guessNotes(report.predictions, result.k));
  if (result.perClass) {
    lines.push('', `per-class accuracy (${intervalText(result.interval)}):`);
    lines.push(['wnid'.padEnd(9), 'devkit', 'index', '     n', ...result.accuracy.map((a) => `top-${a.k}`.padEnd(23)), 'name'].join('  '));
    for (const c of result.perClass) {
      const e = classes.byIndex(c.index);
      lines.push([e.wnid, String(e.devkitId).padStart(6), String(e.index).padStart(5), String(c.n).padStart(6), ...c.top.map((p) => percentWithCi(p).padEnd(23)), e.name].join('  '));
    }
  }
  if (result.confusion) {
    const off = result.confusion.filter((c) => c.truth !== c.predicted).sort((x, y) => y.correct - x.correct || x.truth - y.truth).slice(0, 20);
    lines.push('', `most frequent top-1 confusions (of ${result.confusion.length} non-zero cells; --json lists all):`);
    for (const c of off) {
      const t = classes.byIndex(c.truth);
      const p = c.predicted < 0 ? 'no guess' : `${classes.byIndex(c.predicted).wnid} ${classes.byIndex(c.predicted).name}`;
      lines.push(`  ${t.wnid} ${t.name} → ${p}: ${c.correct} of ${c.n} (${percentWithCi(c)})`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Notes on guesses the devkit semantics ignored or merged; empty when there were none. */
export function guessNotes(p: PredictionSummary, k: number): string[] {
  const notes: string[] = [];
  if (p.ignoredGuesses > 0) notes.push(`note: ${p.file}: ${p.ignoredGuesses} guess(es) beyond the first ${k} on a row were ignored`);
  if (p.repeatedGuesses > 0) notes.push(`note: ${p.file}: ${p.repeatedGuesses} repeated guess(es) on a row counted once`);
  if (p.rowsWithFewerGuesses > 0) notes.push(`note: ${p.file}: ${p.rowsWithFewerGuesses} image(s) had fewer than ${k} guesses`);
  return notes;
}

/** The odd-guess counters of a predictions file, for JSON. */
export function guessCounts(p: PredictionSummary): Record<string, number> {
  return { ignoredGuesses: p.ignoredGuesses, repeatedGuesses: p.repeatedGuesses, rowsWithFewerGuesses: p.rowsWithFewerGuesses };
}

function classJson(classes: ClassSet, index: number): Record<string, unknown> {
  const e = classes.byIndex(index);
  return { wnid: e.wnid, index: e.index, devkitId: e.devkitId, name: e.name };
}
