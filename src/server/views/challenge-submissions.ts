import { html } from 'hono/html';
import type { LoadedChallenge } from '../../challenges/load-challenge.js';
import type { SubmissionView } from '../../challenges/submission-view.js';
import { challengeLayout, pct, type PageUser } from './challenge-layout.js';

/** The team's submissions with status, scores (as the viewer may see them) and the final-selection form. */
export function submissionsPage(c: LoadedChallenge, who: PageUser, subs: readonly SubmissionView[], selectable: boolean) {
  const base = `/challenges/${c.row.name}`;
  const pending = subs.some((s) => s.status === 'submitted' || s.status === 'running');
  return challengeLayout(`${c.row.title} submissions`, who, html`${pending ? html`<meta http-equiv="refresh" content="2">` : ''}
<h1><a href="${base}">${c.row.title}</a>: submissions</h1>
${subs.length === 0 ? html`<p class="muted">No submissions yet.</p>` : html`
<form method="post" action="${base}/selections"><input type="hidden" name="_csrf" value="${who.csrfToken ?? ''}">
<table id="submissions"><thead><tr><th>id</th><th>phase</th><th>team</th><th>file</th><th>status</th><th>public ${c.metric.label}</th><th>private</th><th>final</th></tr></thead><tbody>
${subs.map((s) => html`<tr data-id="${s.id}"><td class="num"><a href="${base}/submissions/${s.id}">${s.id}</a></td><td>${s.phase}</td><td>${s.team ?? s.baseline ?? ''}</td>
<td>${s.fileName}${s.message ? html`<br><span class="muted">${s.message}</span>` : ''}</td>
<td class="status">${s.status}${s.duplicateOf ? html` (duplicate of ${s.duplicateOf}, not charged)` : ''}${s.error ? html`<br><span class="error">${s.error}</span>` : ''}</td>
<td class="num">${s.scores.public ? html`${pct(s.scores.public.value, s.scores.public.ci)} <span class="muted">n=${s.scores.public.n}${s.scores.public.ladder ? html`, Ladder ${s.scores.public.ladder.accepted ? 'update' : 'no significant improvement'}` : ''}</span>` : '—'}</td>
<td class="num">${s.scores.private ? html`${pct(s.scores.private.value, s.scores.private.ci)} <span class="muted">n=${s.scores.private.n}</span>` : html`<span class="muted">hidden</span>`}</td>
<td>${selectable && s.status === 'finished' && !s.duplicateOf && s.team ? html`<input type="checkbox" name="ids" value="${s.id}" ${s.selected ? 'checked' : ''}>` : s.selected ? 'selected' : ''}</td></tr>`)}
</tbody></table>
${selectable ? html`<button type="submit">Save final selection (at most ${c.config.finalSelections})</button>` : ''}
</form>`}`);
}

/** One submission with its provenance and, for its own team, the per-class breakdown. */
export function submissionPage(c: LoadedChallenge, who: PageUser, s: SubmissionView) {
  const base = `/challenges/${c.row.name}`;
  const score = (name: string, v: SubmissionView['scores']['public']) => (v ? html`<tr><td>${name}</td><td class="num">${pct(v.value, v.ci)}</td><td class="num">${v.correct.toLocaleString('en-US')} / ${v.n.toLocaleString('en-US')}</td>
<td>${v.ladder ? `released (round ${v.ladder.round}${v.ladder.accepted ? ', updated' : ', unchanged'})` : 'raw'}</td><td><code>${v.scorerVersion}</code> rev ${v.revision}, code ${v.gitRevision.slice(0, 10)}${v.labelHash ? html`, labels <code>${v.labelHash.slice(0, 12)}</code>` : ''}</td></tr>` : '');
  return challengeLayout(`Submission ${s.id}`, who, html`<h1><a href="${base}">${c.row.title}</a>: submission ${s.id}</h1>
<p>${s.team ? html`Team ${s.team}` : html`Baseline ${s.baseline}`} · phase ${s.phase} · ${s.fileName} (${s.format}, ${s.bytes.toLocaleString('en-US')} bytes) · sha256 <code>${s.scores.public?.submissionHash.slice(0, 16) ?? ''}</code></p>
<p>Status: <strong>${s.status}</strong>${s.charged ? ' (charged)' : ' (not charged)'}${s.error ? html` <span class="error">${s.error}</span>` : ''}</p>
<table><thead><tr><th>board</th><th>${c.metric.label}</th><th>correct / n</th><th>kind</th><th>provenance</th></tr></thead><tbody>
${score('public', s.scores.public)}${score('private', s.scores.private)}</tbody></table>
${s.perClass?.public ? html`<h2>Per-class ${c.metric.label} (public board; only your team sees this)</h2>
<table><thead><tr><th>class</th><th>wnid</th><th class="num">n</th><th>${c.metric.label}</th></tr></thead><tbody>
${s.perClass.public.map((r) => html`<tr><td>${r.name}</td><td><code>${r.wnid}</code></td><td class="num">${r.n}</td><td class="num">${pct(r.value, r.ci)}</td></tr>`)}</tbody></table>` : ''}`);
}
