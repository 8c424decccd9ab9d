import { accuracyLine, confidenceText, pValueText, proportionJson } from './report-text.js';
import { guessCounts, guessNotes } from './render-score.js';
import type { CompareReport } from './compare-files.js';
import type { PredictionSummary } from './file-summary.js';

/**
 * The JSON of `heldout compare --json`: `a` and `b` with their accuracies, then per top-j the difference A − B with
 * its bootstrap interval and McNemar's tests on the discordant counts `b` (only A right) and `c` (only B right).
 */
export function compareJson(r: CompareReport): Record<string, unknown> {
  const side = (p: PredictionSummary, pick: 'a' | 'b'): Record<string, unknown> => {
    const s: Record<string, unknown> = { file: p.file, format: p.format, labelSpace: p.labelSpace };
    for (const c of r.comparisons) s[`top${c.k}`] = proportionJson(c[pick]);
    return { ...s, ...guessCounts(p) };
  };
  const out: Record<string, unknown> = {
    n: r.labels.n,
    k: r.comparisons[r.comparisons.length - 1]!.k,
    confidence: r.interval.confidence,
    interval: r.interval.method,
    a: side(r.a, 'a'),
    b: side(r.b, 'b'),
  };
  for (const c of r.comparisons) {
    out[`top${c.k}`] = {
      difference: { estimate: c.difference.estimate, ci: [c.difference.ci[0], c.difference.ci[1]], resamples: c.difference.resamples, seed: r.seed },
      mcnemar: { b: c.onlyA, c: c.onlyB, exact: { ...c.mcnemarExact }, chiSquare: { ...c.mcnemarChiSquare } },
    };
  }
  return { ...out, classes: r.classes.name, labels: r.labels };
}

/** The text of `heldout compare`. */
export function compareText(r: CompareReport): string {
  const lines: string[] = [];
  for (const [name, p, pick] of [['A', r.a, 'a'], ['B', r.b, 'b']] as const) {
    lines.push(`${name}: ${p.file}`);
    for (const c of r.comparisons) lines.push(`  ${accuracyLine(c.k, c[pick], r.interval)}`);
    lines.push(...guessNotes(p, r.comparisons[r.comparisons.length - 1]!.k).map((l) => `  ${l}`));
  }
  for (const c of r.comparisons) {
    const d = c.difference;
    const pts = (x: number) => (x * 100).toFixed(2);
    const sign = d.estimate > 0 ? '+' : '';
    lines.push(
      `top-${c.k} difference A − B ${sign}${pts(d.estimate)} points [${pts(d.ci[0])}, ${pts(d.ci[1])}] (${confidenceText(r.interval.confidence)} paired bootstrap, ${d.resamples} resamples, seed ${r.seed})`,
      `  McNemar: b=${c.onlyA} (only A right), c=${c.onlyB} (only B right); exact p=${pValueText(c.mcnemarExact.pValue)}; chi-square with continuity correction ${c.mcnemarChiSquare.statistic.toFixed(2)}, p=${pValueText(c.mcnemarChiSquare.pValue)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
