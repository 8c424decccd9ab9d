import type { IntervalOptions, Proportion } from './core/proportion.js';

const METHOD_NAMES: Readonly<Record<string, string>> = { 'clopper-pearson': 'Clopper–Pearson', wilson: 'Wilson' };

/** `95%`, `99.9%`: the confidence level as people write it. */
export function confidenceText(confidence: number): string {
  return `${Number((confidence * 100).toFixed(6))}%`;
}

/** `95% Clopper–Pearson`. */
export function intervalText(interval: IntervalOptions): string {
  return `${confidenceText(interval.confidence)} ${METHOD_NAMES[interval.method] ?? interval.method}`;
}

/** `76.13% [75.75, 76.50]`: a fraction and its interval in percent. */
export function percentWithCi(p: { readonly accuracy: number; readonly ci: readonly [number, number] }): string {
  return `${(p.accuracy * 100).toFixed(2)}% [${(p.ci[0] * 100).toFixed(2)}, ${(p.ci[1] * 100).toFixed(2)}]`;
}

/** `top-1 accuracy 76.13% [75.75, 76.50] (n=50000, 95% Clopper–Pearson)`. */
export function accuracyLine(k: number, p: Proportion, interval: IntervalOptions): string {
  return `top-${k} accuracy ${percentWithCi(p)} (n=${p.n}, ${intervalText(interval)})`;
}

/** A p-value to 3 significant digits, in exponent form when small. */
export function pValueText(p: number): string {
  if (p === 0) return '< 1e-300';
  return p >= 0.001 ? String(Number(p.toPrecision(3))) : p.toExponential(2);
}

/** JSON form of a proportion: `{correct, n, accuracy, error, ci: [lo, hi]}`. */
export function proportionJson(p: Proportion): Record<string, unknown> {
  return { correct: p.correct, n: p.n, accuracy: p.accuracy, error: p.error, ci: [p.ci[0], p.ci[1]] };
}
