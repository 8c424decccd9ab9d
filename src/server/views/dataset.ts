import { html } from 'hono/html';
import type { ClassEntry } from '../../classes/class-set.js';
import type { DatasetRow, ItemRow, SplitRow } from '../../store/store.js';
import { layout } from './layout.js';

export interface ClassSample {
  readonly cls: ClassEntry;
  readonly count: number;
  readonly items: readonly ItemRow[];
}

export interface SplitView {
  readonly split: SplitRow;
  readonly itemCount: number;
  /** Per-class samples for splits with visible labels; one unlabeled sample for hidden ones. */
  readonly byClass?: readonly ClassSample[];
  readonly unlabeled?: readonly ItemRow[];
}

const img = (i: ItemRow, caption: string) =>
  html`<figure><img src="/blobs/${i.image_sha256}" alt="${caption}" loading="lazy"><figcaption>${caption}</figcaption></figure>`;

export function datasetPage(d: DatasetRow, classes: readonly ClassEntry[], splits: readonly SplitView[]) {
  const base = `/datasets/${encodeURIComponent(d.name)}`;
  return layout(d.name, html`
<h1>${d.name}</h1>
<p class="muted">${d.description}</p>
<p>${classes.length} classes from <code>${d.class_set}</code>.</p>
${splits.map((s) => html`
<h2>Split <a href="${base}/splits/${encodeURIComponent(s.split.name)}">${s.split.name}</a>
 <span class="badge ${s.split.labels_hidden ? 'hidden' : ''}">${s.split.labels_hidden ? 'labels hidden' : 'labels visible'}</span></h2>
<p class="muted">${s.itemCount.toLocaleString('en-US')} images · imported as ${s.split.source_layout}</p>
${s.byClass
    ? s.byClass.map((c) => html`<h3>${c.cls.name} <code class="muted">${c.cls.wnid}</code> <span class="muted">(${c.count} images)</span></h3>
<div class="grid">${c.items.map((i) => img(i, i.name))}</div>`)
    : html`<div class="grid">${(s.unlabeled ?? []).map((i) => img(i, i.name))}</div>`}
`)}
`);
}

export function splitPage(d: DatasetRow, split: SplitRow, items: readonly ItemRow[], classes: readonly ClassEntry[], page: { offset: number; limit: number; total: number; wnid?: string }) {
  const base = `/datasets/${encodeURIComponent(d.name)}/splits/${encodeURIComponent(split.name)}`;
  const hidden = split.labels_hidden === 1;
  const byWnid = new Map(classes.map((c) => [c.wnid, c]));
  const q = (offset: number) => `${base}?offset=${offset}${page.wnid ? `&class=${page.wnid}` : ''}`;
  return layout(`${d.name}/${split.name}`, html`
<h1><a href="/datasets/${encodeURIComponent(d.name)}">${d.name}</a> / ${split.name}</h1>
${hidden ? html`<p><span class="badge hidden">labels hidden</span> Classes of these images are known only to the host.</p>`
    : html`<p>Class: <a href="${base}">all</a> ${classes.map((c) => html`· <a href="${base}?class=${c.wnid}">${c.name}</a> `)}</p>`}
<p class="muted">Images ${page.total === 0 ? 0 : page.offset + 1}–${Math.min(page.offset + page.limit, page.total)} of ${page.total.toLocaleString('en-US')}</p>
<div class="grid">${items.map((i) => img(i, hidden ? i.name : (byWnid.get(i.wnid)?.name ?? i.wnid)))}</div>
<nav class="pager">${page.offset > 0 ? html`<a href="${q(Math.max(0, page.offset - page.limit))}">← previous</a>` : ''}
${page.offset + page.limit < page.total ? html`<a href="${q(page.offset + page.limit)}">next →</a>` : ''}</nav>
`);
}
