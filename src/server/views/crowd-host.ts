import { html } from 'hono/html';
import type { ClassEntry } from '../../classes/class-set.js';
import type { CrowdProjectRow } from '../../store/store.js';
import type { ClassSummary } from '../../verify/class-summary.js';
import type { FrequencyRow } from '../../verify/frequency-rows.js';
import type { WorkerRow } from '../../verify/worker-report.js';
import { layout } from './layout.js';

const pct = (x: number | null | undefined) => (x === null || x === undefined || Number.isNaN(x) ? '–' : x.toFixed(2));
const projectUrl = (p: CrowdProjectRow) => `/crowd/projects/${encodeURIComponent(p.name)}`;
const SHA256 = /^[0-9a-f]{64}$/;
const BIN_LABELS = ['<0.2', '0.2–0.4', '0.4–0.6', '0.6–0.8', '≥0.8'];

const STYLE = html`<style>
.histcell { white-space: nowrap; }
.hist { display: inline-flex; align-items: flex-end; gap: 2px; height: 36px; vertical-align: middle; }
.hist span { display: inline-block; width: 14px; background: #1f3a5f; min-height: 1px; }
.fgrid { display: grid; grid-template-columns: repeat(auto-fill, minmax(110px, 1fr)); gap: 8px; }
.fgrid figure { margin: 0; font-size: .72rem; color: #333; text-align: center; }
.fgrid img { width: 100%; image-rendering: pixelated; background: #000; border-radius: 3px; display: block; }
.role-positive { background: #1e8e3e; color: #fff; } .role-negative { background: #a50e0e; color: #fff; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
</style>`;

/** `/crowd`: every labeling project. */
export function crowdIndexPage(projects: ReadonlyArray<{ project: CrowdProjectRow; dataset: string; pool: string; classes: number; tasks: number; valid: number }>) {
  return layout('Crowd verification', html`${STYLE}
<h1>Crowd verification</h1>
<p>Candidates are shown to workers in grids with known controls; an image's <em>selection frequency</em> for a class is the
share of valid assignments that selected it (ImageNetV2). Create projects with <code>heldout crowd project create</code>.</p>
${projects.length === 0 ? html`<p class="muted">No labeling projects yet.</p>` : html`<table><thead><tr><th>project</th><th>pool</th><th class="num">classes</th><th class="num">tasks</th><th class="num">valid assignments</th><th></th></tr></thead><tbody>
${projects.map((p) => html`<tr><td><a href="${projectUrl(p.project)}">${p.project.name}</a></td><td>${p.dataset}/${p.pool}</td><td class="num">${p.classes}</td><td class="num">${p.tasks}</td><td class="num">${p.valid}</td>
<td><a href="${projectUrl(p.project)}/work">label a grid</a> · <a href="${projectUrl(p.project)}/workers">workers</a></td></tr>`)}
</tbody></table>`}`);
}

function histogram(bins: readonly number[]) {
  const max = Math.max(1, ...bins);
  return html`<span class="hist" title="${bins.map((b, i) => `${BIN_LABELS[i]}: ${b}`).join(', ')}">${bins.map((b) => html`<span style="height:${Math.round((b / max) * 100)}%"></span>`)}</span>
<span class="muted">${bins.join(' · ')}</span>`;
}

const agreement = (a: ClassSummary['fleiss']) =>
  html`${pct(a.value)}${a.interval ? html` <span class="muted">[${pct(a.interval.lower)}, ${pct(a.interval.upper)}]</span>` : ''} <span class="muted">n=${a.units}</span>`;

/** `/crowd/projects/:p`: progress per class, frequency histograms, agreement with intervals. */
export function crowdProjectPage(p: CrowdProjectRow, pool: string, target: number, classes: readonly ClassEntry[], summaries: readonly ClassSummary[]) {
  const byWnid = new Map(classes.map((c) => [c.wnid, c]));
  return layout(p.name, html`${STYLE}
<h1><a href="/crowd">Crowd</a> / ${p.name}</h1>
<p>Pool <code>${pool}</code> · ${target} valid assignments per task · <a href="${projectUrl(p)}/work">label a grid</a> · <a href="${projectUrl(p)}/workers">workers</a> ·
<a href="/api/crowd/projects/${encodeURIComponent(p.name)}/frequencies">frequencies (JSON)</a></p>
<p class="muted">Annotations = valid image-votes. Histogram: candidates' selection frequencies in ImageNetV2's bins ${BIN_LABELS.join(', ')}.
Agreement: Fleiss' κ and Krippendorff's α (nominal) over the class's images with ≥ 2 votes, 95% bootstrap interval over images, n = images.</p>
<table><thead><tr><th>class</th><th class="num">tasks</th><th class="num">open slots</th><th class="num">valid / rejected</th><th class="num">annotations</th>
<th class="num">candidates done</th><th>frequency histogram</th><th>Fleiss κ</th><th>Krippendorff α</th></tr></thead><tbody>
${summaries.map((s) => html`<tr><td><a href="${projectUrl(p)}/classes/${s.wnid}">${byWnid.get(s.wnid)?.name ?? s.wnid}</a> <code class="muted">${s.wnid}</code></td>
<td class="num">${s.tasks}</td><td class="num">${s.openSlots}</td><td class="num">${s.validAssignments} / ${s.rejectedAssignments}</td><td class="num">${s.annotations.toLocaleString('en-US')}</td>
<td class="num">${s.candidatesDone} / ${s.candidates}</td><td class="histcell">${histogram(s.histogram)}</td><td>${agreement(s.fleiss)}</td><td>${agreement(s.krippendorff)}</td></tr>`)}
</tbody></table>`);
}

/** `/crowd/projects/:p/classes/:wnid`: images ordered by selection frequency, with counts, intervals and posteriors. */
export function crowdClassPage(p: CrowdProjectRow, cls: ClassEntry | undefined, wnid: string, rows: ReadonlyArray<FrequencyRow & { posterior: number }>, hiddenCount: number) {
  return layout(`${p.name} · ${cls?.name ?? wnid}`, html`${STYLE}
<h1><a href="/crowd">Crowd</a> / <a href="${projectUrl(p)}">${p.name}</a> / ${cls?.name ?? wnid} <code class="muted">${wnid}</code></h1>
<p class="muted">Each image: selected / shown (valid assignments), selection frequency with a 95% Wilson interval, and the Dawid–Skene
posterior P(class). Ordered by frequency, then by number of annotations.${hiddenCount > 0 ? ` ${hiddenCount} control images from splits with hidden labels are not listed.` : ''}</p>
<div class="fgrid">${rows.map((r) => html`<figure>${SHA256.test(r.image) ? html`<img src="/blobs/${r.image}" alt="${r.items[0] ?? r.image}" loading="lazy">` : html`<div class="muted">${r.image}</div>`}
<figcaption>${r.selected}/${r.shown} · <strong>${pct(r.frequency)}</strong><br><span class="muted">[${pct(r.lower)}, ${pct(r.upper)}] · DS ${pct(r.posterior)}</span>
${r.roles.filter((x) => x !== 'candidate').map((x) => html`<br><span class="badge role-${x}">${x} control</span>`)}</figcaption></figure>`)}</div>`);
}

/** `/crowd/projects/:p/workers`: the worker table. */
export function crowdWorkersPage(p: CrowdProjectRow, workers: readonly WorkerRow[]) {
  return layout(`${p.name} · workers`, html`${STYLE}
<h1><a href="/crowd">Crowd</a> / <a href="${projectUrl(p)}">${p.name}</a> / workers</h1>
<p class="muted">Control accuracy = (positive controls selected + negative controls left unselected) / controls seen, over handed-in work,
with a 95% Wilson interval; n = controls seen. Review with <code>heldout crowd review</code>.</p>
<table><thead><tr><th>worker</th><th>kind</th><th class="num">submitted</th><th class="num">approved</th><th class="num">rejected</th><th class="num">abandoned</th>
<th class="num">median time</th><th>control accuracy</th><th></th></tr></thead><tbody>
${workers.map((w) => html`<tr><td>${w.name}</td><td>${w.kind}${w.simulated ? ' (simulated)' : ''}</td><td class="num">${w.assignments.submitted}</td><td class="num">${w.assignments.approved}</td>
<td class="num">${w.assignments.rejected}</td><td class="num">${w.assignments.abandoned}</td><td class="num">${w.medianSeconds === null ? '–' : `${w.medianSeconds.toFixed(1)} s`}</td>
<td>${pct(w.controls.accuracy)}${w.controls.interval ? html` <span class="muted">[${pct(w.controls.interval.lower)}, ${pct(w.controls.interval.upper)}] n=${w.controls.total}</span>` : ''}</td>
<td>${w.blocked ? html`<span class="badge hidden">blocked</span>` : ''}</td></tr>`)}
</tbody></table>`);
}
