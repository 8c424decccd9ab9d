import type { GapTerm, StudyReport } from '../study-report.js';
import { num, pct, pctCi, pp } from './escape-xml.js';

/** Table-cell text: pipes escaped, and `<` and `&` as entities so a name cannot become HTML in a Markdown renderer. */
const cellText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** `Clopper–Pearson`, `Wilson`. */
export function intervalName(method: string): string {
  return ({ 'clopper-pearson': 'Clopper–Pearson', wilson: 'Wilson' } as Record<string, string>)[method] ?? method;
}

/** A decomposition term as one line of text. */
export function gapTermText(t: GapTerm): string {
  switch (t.kind) {
    case 'estimate': return `${pp(t.value)} ${ppCi(t.ci)} (${t.models} models). ${t.note}`;
    case 'bound': return `±${(t.halfWidth * 100).toFixed(2)} pp. ${t.note}`;
    case 'not-identifiable': return `not identifiable: ${t.reason}`;
  }
}

/** `[−0.40, +1.20] pp`. */
export function ppCi(ci: readonly [number, number] | null): string {
  return ci ? `[${(ci[0] * 100).toFixed(2)}, ${(ci[1] * 100).toFixed(2)}] pp` : '[n/a]';
}

/** The headline numbers, one per line: used by the Markdown report and the CLI's text summary. */
export function summaryLines(r: StudyReport): string[] {
  const conf = `${Number((r.settings.confidence * 100).toFixed(4))}%`;
  const f = r.fit;
  const k = r.rankAgreement.kendallTau;
  const s = r.rankAgreement.spearmanRho;
  return [
    `fit (${f.transform}, ${f.n} models): slope ${num(f.slope)} [${num(f.slopeCi[0])}, ${num(f.slopeCi[1])}], intercept ${num(f.intercept)} [${num(f.interceptCi[0])}, ${num(f.interceptCi[1])}], R² ${num(f.r2)} (${conf} percentile bootstrap, ${f.resamples} resamples, seed ${f.seed})`,
    `mean drop ${pp(r.meanDrop.value)} ${ppCi(r.meanDrop.ci)} over ${r.meanDrop.models} models (${conf}, ${r.meanDrop.method === 'images' ? 'images resampled as the test sets were drawn' : 'conservative: counts only'})`,
    `rank agreement: Kendall τ ${num(k.estimate)} ${k.ci ? `[${num(k.ci[0])}, ${num(k.ci[1])}]` : '[n/a]'}, Spearman ρ ${num(s.estimate)} ${s.ci ? `[${num(s.ci[0])}, ${num(s.ci[1])}]` : '[n/a]'} (n=${k.n})`,
  ];
}

/** The report as Markdown (GitHub tables); the figures are in the HTML report. */
export function reportMarkdown(r: StudyReport): string {
  const conf = `${Number((r.settings.confidence * 100).toFixed(4))}%`;
  const out: string[] = [];
  out.push(`# Study ${cellText(r.study)}: ${cellText(r.new.name)} vs ${cellText(r.original.name)}`, '');
  if (r.description) out.push(cellText(r.description), '');
  out.push(cellText(`Original test set **${r.original.name}** (n=${r.original.n}); new test set **${r.new.name}** (n=${r.new.n})${r.newSets.length > 1 ? `; other new sets: ${r.newSets.filter((s) => s !== r.new.name).join(', ')}` : ''}${r.holdout ? `; holdout **${r.holdout.name}** (n=${r.holdout.n ?? 'n/a'})` : ''}.`));
  out.push(`Accuracy intervals: ${conf} ${intervalName(r.settings.interval)}. Source: ${r.source === 'testbed' ? 'testbed evaluations (per-image predictions)' : 'imported accuracy counts'}.`, '');
  out.push('## Summary', '', ...summaryLines(r).map((l) => `- ${l}`), '');
  out.push('## Gap decomposition', '', `\`${r.decomposition.formula}\``, '');
  out.push('| term | value |', '|---|---|');
  out.push(`| observed (mean drop) | ${pp(r.decomposition.observed.value)} ${ppCi(r.decomposition.observed.ci)} |`);
  out.push(`| adaptivity acc_S − acc_D | ${cellText(gapTermText(r.decomposition.adaptivity))} |`);
  out.push(`| distribution acc_D − acc_D′ | ${cellText(gapTermText(r.decomposition.distribution))} |`);
  out.push(`| generalization acc_D′ − acc_S′ | ${cellText(gapTermText(r.decomposition.generalization))} |`, '');
  out.push('## Models', '', `Sorted by original accuracy. Drop = original − new with a Newcombe ${conf} interval and a two-sample z-test; effective robustness = new − fitted new accuracy.`, '');
  out.push(`| model | ${cellText(r.original.name)} | ${cellText(r.new.name)} | drop | p | effective robustness |`, '|---|---|---|---|---|---|');
  for (const m of r.models) {
    out.push(`| ${cellText(m.name)} | ${pct(m.original.accuracy)} ${pctCi(m.original.ci)} | ${pct(m.new.accuracy)} ${pctCi(m.new.ci)} | ${pp(m.drop.value)} ${ppCi(m.drop.ci)} | ${m.drop.pValue.toPrecision(3)} | ${m.effectiveRobustness === null ? 'not in fit' : pp(m.effectiveRobustness)} |`);
  }
  out.push('');
  if (r.excluded.length > 0) {
    out.push('## Excluded', '', ...r.excluded.map((e) => `- ${cellText(e.model)} (${e.kind}): ${cellText(e.reason)}`), '');
  }
  out.push('## Model similarity', '');
  const s = r.similarity;
  if (!s.available) out.push(`Unavailable: ${s.reason}.`, '');
  else {
    out.push(`On ${s.testSet} (${s.images} images, ${s.models.length} models): mean pairwise top-1 agreement ${pct(s.meanAgreement)}; the accuracies alone force at least ${pct(s.meanMinimum)} on average (a₁ + a₂ − 1).`);
    out.push(`Effective number of models: ${s.effectiveModels.value.toFixed(1)} of ${s.effectiveModels.k}. ${s.effectiveModels.definition}`, '');
    if (s.note) out.push(s.note, '');
  }
  out.push(`_${r.version}; fit band: ${r.fit.resamples} bootstrap resamples of the models, seed ${r.fit.seed}${r.fit.redrawn ? `, ${r.fit.redrawn} degenerate resamples redrawn` : ''}._`, '');
  return out.join('\n');
}
