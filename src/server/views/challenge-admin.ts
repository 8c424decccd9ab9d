import { html } from 'hono/html';
import type { LoadedChallenge } from '../../challenges/load-challenge.js';
import type { PhaseAudit } from '../../challenges/phase-audit.js';
import { challengeLayout, pct, type PageUser } from './challenge-layout.js';
import { scatterPlot } from './challenge-svg.js';

/** Host admin: close phases; after closing, the audit panel of each closed phase. */
export function adminPage(c: LoadedChallenge, who: PageUser, audits: readonly PhaseAudit[], message?: string) {
  const base = `/challenges/${c.row.name}`;
  return challengeLayout(`${c.row.title} admin`, who, html`<h1><a href="${base}">${c.row.title}</a>: host admin</h1>
${message ? html`<p class="ok" role="status">${message}</p>` : ''}
<table id="phases"><thead><tr><th>phase</th><th>ends</th><th>status</th><th></th></tr></thead><tbody>
${c.phases.map((p) => html`<tr><td>${p.name}</td><td>${p.ends_at.slice(0, 16).replace('T', ' ')}</td><td class="phase-status">${p.closed_at ? `closed ${p.closed_at.slice(0, 16).replace('T', ' ')}` : 'not closed'}</td>
<td>${p.closed_at ? '' : html`<form method="post" action="${base}/admin/close"><input type="hidden" name="_csrf" value="${who.csrfToken ?? ''}"><input type="hidden" name="phase" value="${p.name}">
<button type="submit" data-phase="${p.name}">Close ${p.name} and reveal its private board</button></form>`}</td></tr>`)}
</tbody></table>
${audits.map((a) => auditSection(a))}`);
}

function auditSection(a: PhaseAudit) {
  return html`<h2>Audit: phase ${a.phase}</h2>
<p>Holdout spend: <strong>${a.spend.submissions}</strong> charged submissions from <strong>${a.spend.teams}</strong> teams
(${a.spend.failed} failed, ${a.spend.duplicates} duplicates, not charged); Ladder: ${a.spend.ladderRounds} rounds, ${a.spend.ladderUpdates} updates.</p>
${a.topK ? html`<p>Mean public − private gap of the top ${a.topK.k} by public accuracy: <strong>${(a.topK.meanGap * 100).toFixed(2)} points</strong>
[${(a.topK.ci[0] * 100).toFixed(2)}, ${(a.topK.ci[1] * 100).toFixed(2)}] (${Math.round(a.confidence * 100)}% parametric bootstrap, ${a.topK.resamples} resamples, seed ${a.topK.seed}).
A gap above zero beyond its interval suggests the public board was overfitted.</p>` : html`<p class="muted">No scored submissions.</p>`}
${a.rows.length > 0 ? html`${scatterPlot(a.rows.map((r) => ({ x: r.publicCorrect / r.publicN, y: r.privateCorrect / r.privateN, label: `${r.team} ${r.label}` })))}
<table class="audit"><thead><tr><th>submission</th><th>team</th><th>public accuracy</th><th>private accuracy</th><th>gap (public − private)</th><th>p (two-sample binomial)</th></tr></thead><tbody>
${a.rows.map((r) => html`<tr><td>${r.label}</td><td>${r.team}</td><td class="num">${pct(r.publicCorrect / r.publicN)} <span class="muted">n=${r.publicN}</span></td>
<td class="num">${pct(r.privateCorrect / r.privateN)} <span class="muted">n=${r.privateN}</span></td><td class="num">${(r.gap * 100).toFixed(2)} [${(r.ci[0] * 100).toFixed(2)}, ${(r.ci[1] * 100).toFixed(2)}]</td>
<td class="num">${r.pValue.toPrecision(3)}</td></tr>`)}</tbody></table>` : ''}`;
}
