import { html, raw } from 'hono/html';
import type { StudySummary } from '../../analyze/study-list.js';
import { REPORT_STYLE, reportHtmlBody } from '../../analyze/core/render/report-html.js';
import type { StudyReport } from '../../analyze/core/study-report.js';
import { layout } from './layout.js';

/** `/studies`: every study with its test sets. */
export function studiesPage(studies: readonly StudySummary[]) {
  return layout('Studies', html`
<h1>Replication studies</h1>
<p>Do models keep their accuracy on a re-collected test set? Each study compares models' accuracy on an original test
set with one or more new ones: the fit of new on original accuracy with a bootstrap band, the mean drop, rank
agreement, the gap decomposition and model similarity (docs/studies.md).</p>
${studies.length === 0
    ? html`<p class="muted">No studies yet. Create one with <code>heldout study create NAME --original D --new D2</code>, or import published counts with <code>heldout study import</code>.</p>`
    : html`<table><thead><tr><th>study</th><th>source</th><th>original</th><th>new test sets</th><th>holdout</th><th>description</th></tr></thead><tbody>
${studies.map((s) => html`<tr><td><a href="/studies/${encodeURIComponent(s.name)}">${s.name}</a></td><td>${s.source}</td><td>${s.original}</td>
<td>${s.newSets.map((n) => html`<a href="/studies/${encodeURIComponent(s.name)}?new=${encodeURIComponent(n)}">${n}</a> `)}</td><td>${s.holdout ?? ''}</td><td class="muted">${s.description}</td></tr>`)}
</tbody></table>`}
<p class="muted">JSON at <a href="/api/studies">/api/studies</a>.</p>
`);
}

/** `/studies/:name`: the report (the same HTML as `heldout study report --format html`) inside the site's frame. */
export function studyPage(r: StudyReport, query: string) {
  const base = `/studies/${encodeURIComponent(r.study)}`;
  const q = (over: Record<string, string>) => {
    const p = new URLSearchParams(query);
    for (const [k, v] of Object.entries(over)) p.set(k, v);
    return `${base}?${p.toString()}`;
  };
  return layout(`Study ${r.study}`, html`
<style>${raw(REPORT_STYLE)}</style>
<p class="muted"><a href="/studies">Studies</a> · new test set: ${r.newSets.map((n) => (n === r.new.name ? html`<b>${n}</b> ` : html`<a href="${q({ new: n })}">${n}</a> `))}
· scale: ${['linear', 'probit', 'logit'].map((t) => (t === r.fit.transform ? html`<b>${t}</b> ` : html`<a href="${q({ transform: t })}">${t}</a> `))}
· <a href="/api/studies/${encodeURIComponent(r.study)}/report?${new URLSearchParams(query).toString()}">JSON</a></p>
${raw(reportHtmlBody(r))}
`);
}
