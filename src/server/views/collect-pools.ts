import { html } from 'hono/html';
import type { CollectCandidateRow, CollectPoolRow, CollectPoolSummary } from '../../store/store.js';
import { REJECT_REASONS } from '../../collect/core/index.js';
import { layout } from './layout.js';

const poolUrl = (name: string) => `/collect/pools/${encodeURIComponent(name)}`;

const STYLE = html`<style>
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.cgrid { display: grid; grid-template-columns: repeat(auto-fill, minmax(96px, 1fr)); gap: 6px; }
.cgrid figure { margin: 0; font-size: .7rem; color: #555; text-align: center; overflow-wrap: anywhere; }
.cgrid img { width: 100%; aspect-ratio: 1; object-fit: cover; border-radius: 3px; display: block; background: #000; }
</style>`;

/** `/collect`: every candidate pool with its counts and review progress. */
export function collectPoolsPage(pools: readonly CollectPoolSummary[]) {
  return layout('Candidate pools', html`${STYLE}
<h1>Candidate pools</h1>
<p>Candidates are collected per class (search plans from WordNet, <code>heldout collect plan</code>), ingested with
<code>heldout collect ingest</code>, and compared with reference datasets by pHash, dHash and pixel L2
(<code>heldout collect dedup</code>). Close pairs are reviewed here by a person, as ImageNetV2 did.</p>
${pools.length === 0 ? html`<p class="muted">No candidate pools yet.</p>` : html`<table><thead><tr><th>pool</th><th class="num">accepted</th><th class="num">rejected</th><th class="num">pairs reviewed</th><th></th></tr></thead><tbody>
${pools.map((p) => html`<tr><td><a href="${poolUrl(p.name)}">${p.name}</a> <span class="muted">${p.description}</span></td>
<td class="num">${p.accepted.toLocaleString('en-US')}</td><td class="num">${p.rejected.toLocaleString('en-US')}</td>
<td class="num">${p.reviewed.toLocaleString('en-US')} of ${p.pairs.toLocaleString('en-US')}</td>
<td><a href="${poolUrl(p.name)}/review">review queue</a></td></tr>`)}
</tbody></table>`}`);
}

/** `/collect/pools/:pool`: counts, rejection reasons and a sample of accepted candidates. */
export function collectPoolPage(pool: CollectPoolRow, summary: CollectPoolSummary | undefined, reasons: ReadonlyMap<string, number>, sample: readonly CollectCandidateRow[]) {
  const total = (summary?.accepted ?? 0) + (summary?.rejected ?? 0);
  return layout(`Pool ${pool.name}`, html`${STYLE}
<h1><a href="/collect">Candidate pools</a> / ${pool.name}</h1>
<p class="muted">${pool.description}</p>
<p>${summary?.accepted ?? 0} accepted and ${summary?.rejected ?? 0} rejected of ${total} candidates ·
${summary?.reviewed ?? 0} of ${summary?.pairs ?? 0} near-duplicate pairs reviewed · <a href="${poolUrl(pool.name)}/review">review queue</a></p>
${reasons.size > 0 ? html`<h2>Rejected</h2><table><thead><tr><th>reason</th><th class="num">candidates</th><th>meaning</th></tr></thead><tbody>
${[...reasons].map(([reason, n]) => html`<tr><td><code>${reason}</code></td><td class="num">${n}</td><td class="muted">${(REJECT_REASONS as Record<string, string>)[reason] ?? ''}</td></tr>`)}
</tbody></table>` : ''}
<h2>Accepted candidates <span class="muted">(first ${sample.length})</span></h2>
<div class="cgrid">${sample.map((c) => html`<figure><img src="/collect/candidates/${c.id}/thumb" alt="${c.id}" loading="lazy"><figcaption>${c.wnid}<br>${c.width}×${c.height}</figcaption></figure>`)}</div>`);
}
