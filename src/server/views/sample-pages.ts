import { html } from 'hono/html';
import { BIN_LABELS, INELIGIBLE_REASONS, type MeanSd } from '../../sample/core/index.js';
import { deficitText, meanSdText } from '../../sample/report-text.js';
import type { RevisionReport } from '../../sample/revision-report.js';
import type { SampleRevisionSummary } from '../../store/store.js';
import { layout } from './layout.js';
import { frequencyHistogramSvg } from './sample-histogram-svg.js';

const revUrl = (name: string) => `/sample/${encodeURIComponent(name)}`;
const STYLE = html`<style>td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }</style>`;
const pct = (n: number, total: number) => (total > 0 ? `${((100 * n) / total).toFixed(1)}%` : '—');
const m2 = (m: MeanSd) => meanSdText(m, 2);

/** `/sample`: every sampled revision. */
export function sampleListPage(rows: readonly SampleRevisionSummary[]) {
  return layout('Sampled test sets', html`${STYLE}
<h1>Sampled test sets</h1>
<p>New test sets drawn from crowd-verified candidates the ImageNetV2 way: <b>MatchedFrequency</b> (the reference's
selection-frequency histogram per class), <b>Threshold</b> (frequency ≥ τ) and <b>TopImages</b>. Each revision is
also a dataset with a hidden-label <code>test</code> split. Create one with <code>heldout sample create</code>.</p>
${rows.length === 0 ? html`<p class="muted">No sampled revisions yet.</p>` : html`<table><thead><tr><th>revision</th><th>strategy</th><th class="num">images</th><th>crowd project</th><th class="num">seed</th><th>from</th><th>dataset</th></tr></thead><tbody>
${rows.map((r) => html`<tr><td><a href="${revUrl(r.name)}">${r.name}</a></td><td>${r.strategy}</td><td class="num">${r.images}</td><td><a href="/crowd/projects/${encodeURIComponent(r.project_name)}">${r.project_name}</a></td>
<td class="num">${r.seed}</td><td>${r.parent_name ? html`<a href="${revUrl(r.parent_name)}">${r.parent_name}</a>` : ''}</td>
<td>${r.dataset_id !== null ? html`<a href="/datasets/${encodeURIComponent(r.name)}">${r.name}</a>/test` : html`<span class="muted">deleted</span>`}</td></tr>`)}
</tbody></table>`}
<p class="muted">JSON at <a href="/api/sample/revisions">/api/sample/revisions</a>.</p>`);
}

/** `/sample/:name`: the revision's report (aggregates only: no image is shown with its class). */
export function sampleRevisionPage(r: RevisionReport) {
  const p = r.params;
  const sv = r.splitVote;
  return layout(`Revision ${r.name}`, html`${STYLE}
<h1><a href="/sample">Sampled test sets</a> / ${r.name}</h1>
<p>${r.strategy}: ${r.images} images in ${r.classes} classes (${p.perClass} per class wanted), seed ${r.seed}${r.parent ? html`, from <a href="${revUrl(r.parent)}">${r.parent}</a> (${r.carried} carried over)` : ''}.
Crowd project <a href="/crowd/projects/${encodeURIComponent(p.pool)}">${p.pool}</a>, reference <code>${p.reference}</code>, ≥ ${p.minAnnotations} annotations${r.strategy === 'threshold' ? html`, τ = ${p.threshold}` : ''}${r.strategy === 'matched-frequency' ? html`, ≥ ${p.minReference} reference images per class, upward sampling ${p.upward ? 'on' : 'off'}` : ''}.
${r.dataset ? html`Dataset <a href="/datasets/${encodeURIComponent(r.dataset)}">${r.dataset}</a>/test (labels hidden).` : ''}</p>
<p>Near-duplicates: ${r.nearDuplicates.skippedCheck ? html`<b>check skipped</b> (images never checked counted as clear); ` : ''}reviews of pool${r.nearDuplicates.pools.length === 1 ? '' : 's'} ${r.nearDuplicates.pools.map((x) => html`<a href="/collect/pools/${encodeURIComponent(x)}">${x}</a> `)}${r.nearDuplicates.pools.length === 0 ? 'none' : ''}</p>
<h2>Selection frequency</h2>
<table><thead><tr><th></th><th>mean ± sd (n, 95% CI)</th></tr></thead><tbody>
<tr><td>this revision</td><td>${meanSdText(r.frequency.frequency)}</td></tr>
<tr><td>reference images</td><td>${meanSdText(r.reference.frequency)}</td></tr>
</tbody></table>
${frequencyHistogramSvg([{ label: 'reference', color: '#9aa9bd', counts: r.reference.bins }, { label: r.name.length > 22 ? 'this revision' : r.name, color: '#1f3a5f', counts: r.frequency.bins }])}
<table><thead><tr><th>bin</th><th class="num">revision</th><th class="num">share</th><th class="num">reference</th><th class="num">share</th></tr></thead><tbody>
${r.bins.map((b) => html`<tr><td>${b.bin}</td><td class="num">${b.revision}</td><td class="num">${pct(b.revision, r.frequency.frequency.n)}</td><td class="num">${b.reference}</td><td class="num">${pct(b.reference, r.reference.frequency.n)}</td></tr>`)}
</tbody></table>
<h2>Classes short of candidates</h2>
${r.shortClasses.length === 0 ? html`<p class="muted">None: every class got ${p.perClass} images${r.strategy === 'matched-frequency' ? ' from its own bins' : ''}.</p>` : html`<table><thead><tr><th>class</th><th class="num">chosen</th><th class="num">eligible</th><th>what was done</th></tr></thead><tbody>
${r.shortClasses.map((c) => html`<tr><td>${c.name} <code>${c.wnid}</code></td><td class="num">${c.chosen} of ${p.perClass}</td><td class="num">${c.eligible} of ${c.candidates}</td><td>${(c.deficits ?? []).map(deficitText).join('; ') || (c.short > 0 ? `${c.short} slots left empty` : '')}</td></tr>`)}
</tbody></table>`}
<h2>Eligibility</h2>
<table><thead><tr><th>reason</th><th class="num">candidates</th></tr></thead><tbody>
${Object.entries(r.ineligible).map(([k, n]) => html`<tr><td><code>${k}</code> <span class="muted">${(INELIGIBLE_REASONS as Record<string, string>)[k] ?? ''}</span></td><td class="num">${n}</td></tr>`)}
${Object.keys(r.ineligible).length === 0 ? html`<tr><td colspan="2" class="muted">every candidate was eligible</td></tr>` : ''}
</tbody></table>
<h2>Overlaps</h2>
${r.overlaps.length === 0 ? html`<p class="muted">No other revisions of this crowd project.</p>` : html`<table><thead><tr><th>revision</th><th class="num">shared images</th></tr></thead><tbody>
${r.overlaps.map((o) => html`<tr><td><a href="${revUrl(o.revision)}">${o.revision}</a></td><td class="num">${o.shared} of ${o.of}</td></tr>`)}</tbody></table>`}
${sv ? html`<h2>Split-vote diagnostic</h2>
<p>Engstrom et al. (2020): matching on <i>noisy</i> frequency estimates favours harder images. Each image's votes are split
at random (seed ${sv.seed}) into halves A and B; images are binned by A, and B's mean per bin shows the images' frequency
without the luck that put them in the bin. Where the pool's B sits below the reference's, matching picks harder images.</p>
<table><thead><tr><th>bin (by A)</th>${sv.groups.map((g) => html`<th>${g.name}: mean B ± sd (n, 95% CI)</th>`)}</tr></thead><tbody>
${BIN_LABELS.map((label, b) => html`<tr><td>${label}</td>${sv.groups.map((g) => html`<td>${m2(g.bins[b]!.b)}</td>`)}</tr>`)}
<tr><td>all</td>${sv.groups.map((g) => html`<td>${m2(g.b)}</td>`)}</tr>
</tbody></table>
${sv.matched.difference !== null ? html`<p>A pool set matched to the reference's A-histogram would have held-out mean <b>${sv.matched.pool!.toFixed(3)}</b>
against the reference's <b>${sv.matched.reference!.toFixed(3)}</b> (${sv.matched.difference >= 0 ? '+' : ''}${sv.matched.difference.toFixed(3)}).</p>` : ''}` : ''}
<p class="muted">JSON at <a href="/api/sample/revisions/${encodeURIComponent(r.name)}">/api/sample/revisions/${r.name}</a>; CLI: <code>heldout sample report ${r.name}</code>.</p>`);
}
