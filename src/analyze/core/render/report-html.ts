import type { StudyReport } from '../study-report.js';
import { escapeXml as e, num, pct, pctCi, pp } from './escape-xml.js';
import { gapTermText, intervalName, ppCi, summaryLines } from './report-markdown.js';
import { reportHeatmap, reportScatter } from './report-figures.js';

/** Styles of the standalone report (no external assets). */
export const REPORT_STYLE = `
.study-report { font-family: system-ui, sans-serif; color: #1b1f23; }
.study-report table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9rem; }
.study-report th, .study-report td { border-bottom: 1px solid #ddd; padding: .25rem .6rem; text-align: left; }
.study-report td.num { text-align: right; font-variant-numeric: tabular-nums; }
.study-report .muted { color: #666; }
.study-report .figures { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
.study-report svg { max-width: 100%; height: auto; background: #fff; }
`;

/**
 * The report as an HTML fragment (a `<div class="study-report">`): summary, the scatter and heatmap as inline SVG,
 * the decomposition, the models and exclusions. All text is escaped. Used by the standalone file and the server page.
 */
export function reportHtmlBody(r: StudyReport): string {
  const conf = `${Number((r.settings.confidence * 100).toFixed(4))}%`;
  const heat = reportHeatmap(r);
  const s = r.similarity;
  const d = r.decomposition;
  const others = r.newSets.filter((x) => x !== r.new.name);
  return `<div class="study-report">
<h1>Study ${e(r.study)}: ${e(r.new.name)} vs ${e(r.original.name)}</h1>
${r.description ? `<p>${e(r.description)}</p>` : ''}
<p>Original test set <b>${e(r.original.name)}</b> (n=${r.original.n}); new test set <b>${e(r.new.name)}</b> (n=${r.new.n})${others.length ? `; other new sets: ${e(others.join(', '))}` : ''}${r.holdout ? `; holdout <b>${e(r.holdout.name)}</b> (n=${r.holdout.n ?? 'n/a'})` : ''}.
Every accuracy with its ${conf} ${e(intervalName(r.settings.interval))} interval; source: ${r.source === 'testbed' ? 'testbed evaluations (per-image predictions)' : 'imported accuracy counts'}.</p>
<h2>Summary</h2>
<ul>${summaryLines(r).map((l) => `<li>${e(l)}</li>`).join('')}</ul>
<div class="figures">${reportScatter(r)}${heat ?? ''}</div>
<h2>Gap decomposition</h2>
<p><code>${e(d.formula)}</code></p>
<table><tbody>
<tr><th>observed (mean drop)</th><td>${e(`${pp(d.observed.value)} ${ppCi(d.observed.ci)}`)}</td></tr>
<tr><th>adaptivity acc_S − acc_D</th><td>${e(gapTermText(d.adaptivity))}</td></tr>
<tr><th>distribution acc_D − acc_D′</th><td>${e(gapTermText(d.distribution))}</td></tr>
<tr><th>generalization acc_D′ − acc_S′</th><td>${e(gapTermText(d.generalization))}</td></tr>
</tbody></table>
<h2>Models</h2>
<p class="muted">Sorted by original accuracy. Drop = original − new (Newcombe ${conf} interval, two-sample z-test); effective robustness = new − fitted new accuracy (Taori et al. 2020).</p>
<table><thead><tr><th>model</th><th>${e(r.original.name)}</th><th>${e(r.new.name)}</th><th>drop</th><th>p</th><th>effective robustness</th></tr></thead><tbody>
${r.models.map((m) => `<tr><td>${e(m.name)}</td><td class="num">${pct(m.original.accuracy)} ${pctCi(m.original.ci)}</td><td class="num">${pct(m.new.accuracy)} ${pctCi(m.new.ci)}</td><td class="num">${e(`${pp(m.drop.value)} ${ppCi(m.drop.ci)}`)}</td><td class="num">${m.drop.pValue.toPrecision(3)}</td><td class="num">${m.effectiveRobustness === null ? '<span class="muted">not in fit</span>' : e(pp(m.effectiveRobustness))}</td></tr>`).join('\n')}
</tbody></table>
${r.excluded.length ? `<h2>Excluded</h2><ul>${r.excluded.map((x) => `<li>${e(x.model)} (${x.kind}): ${e(x.reason)}</li>`).join('')}</ul>` : ''}
<h2>Model similarity</h2>
${s.available
    ? `<p>On ${e(s.testSet)} (${s.images} images, ${s.models.length} models): mean pairwise top-1 agreement <b>${pct(s.meanAgreement)}</b>; the accuracies alone force at least ${pct(s.meanMinimum)} on average (a₁ + a₂ − 1).
Effective number of models: <b>${num(s.effectiveModels.value, 1)}</b> of ${s.effectiveModels.k}.</p><p class="muted">${e(s.effectiveModels.definition)}</p>${s.note ? `<p class="muted">${e(s.note)}</p>` : ''}`
    : `<p class="muted">Unavailable: ${e(s.reason)}.</p>`}
<p class="muted">${e(r.version)}; fit band: ${r.fit.resamples} bootstrap resamples of the models, seed ${r.fit.seed}${r.fit.redrawn ? `, ${r.fit.redrawn} degenerate resamples redrawn` : ''}.</p>
</div>`;
}

/** The report as one self-contained HTML file: inline CSS and SVG, no scripts, no external URLs. */
export function reportHtml(r: StudyReport): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Study ${e(r.study)}: ${e(r.new.name)} vs ${e(r.original.name)}</title>
<style>body { margin: 1rem 1.5rem; max-width: 1200px; background: #fafafa; }${REPORT_STYLE}</style>
</head>
<body>
${reportHtmlBody(r)}
</body>
</html>
`;
}
