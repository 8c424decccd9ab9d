import { html } from 'hono/html';
import type { DatasetSummary, ItemRow } from '../../store/store.js';
import type { ClassEntry } from '../../classes/class-set.js';
import type { JobInfo } from '../../jobs/queue.js';
import { layout } from './layout.js';
import { jobLine } from './jobs.js';

/** What each stage of the pipeline is; later stages link their pages here as they land. */
const STAGES: ReadonlyArray<{ name: string; text: string; href?: string }> = [
  { name: 'Classes', text: 'WordNet 3.0 noun synsets (wnids) name every class, as in ImageNet; heldout wordnet looks them up.' },
  { name: 'Datasets', text: 'Test sets and candidate pools imported from ImageFolder, ImageNetV2, ILSVRC, CSV or IDX files; images are stored by sha256.' },
  { name: 'Hidden labels', text: 'Test-split labels can be hidden: pages and the API show the images, never their classes.' },
  { name: 'Testbed', text: 'ONNX models (or imported predictions) evaluated on every split with torchvision-exact presets; accuracy with n and an interval.', href: '/testbed' },
  { name: 'Collect', text: 'Candidates from folders, metadata tables and Flickr results; pHash/dHash/pixel-L2 near-duplicates against reference sets, reviewed by a person.', href: '/collect' },
  { name: 'Challenges', text: 'Hidden-label leaderboards: every score with n and an interval, ties with the leader flagged, race-safe quotas, the Ladder, private boards revealed on close.', href: '/challenges' },
  { name: 'Crowd verification', text: 'Grid tasks with hidden controls, workers and panel recruits, selection frequency as ImageNetV2 (with n and an interval), control accuracy, Dawid–Skene, κ and α; the demo has a grid anyone can label.', href: '/crowd' },
  { name: 'Sampling', text: 'New test sets from verified candidates the ImageNetV2 way (MatchedFrequency, Threshold, TopImages), as seeded revisions with reports, a split-vote bias check and export; the demo has all three.', href: '/sample' },
  { name: 'Studies', text: 'Replication studies: new vs original accuracy across models with a fitted line and bootstrap band (linear, probit or logit), mean drop, rank agreement, gap decomposition, model similarity.', href: '/studies' },
];

/** A few images of one dataset for the home page: one per class from a split whose labels are visible. */
export interface DatasetPreview {
  readonly datasetId: number;
  readonly split: string;
  readonly tiles: ReadonlyArray<{ readonly item: ItemRow; readonly cls?: ClassEntry }>;
}

export function homePage(datasets: readonly DatasetSummary[], jobs: readonly JobInfo[], previews: readonly DatasetPreview[] = []) {
  const active = jobs.filter((j) => j.state.kind === 'queued' || j.state.kind === 'running');
  return layout('Home', html`
<h1>Heldout</h1>
<p>Build test sets the ImageNet way, run benchmarks with hidden labels and an interval on every score, and audit
whether models keep their accuracy on a re-collected test set.</p>
<div class="stages">${STAGES.map((s) => html`<div class="stage"><h3>${s.href ? html`<a href="${s.href}">${s.name}</a>` : s.name}</h3><div class="muted">${s.text}</div></div>`)}</div>
${active.length > 0 ? html`<h2>Running jobs</h2><ul>${active.map((j) => html`<li>${jobLine(j)}</li>`)}</ul>` : ''}
<h2>Datasets</h2>
${datasets.length === 0
    ? html`<p class="muted">No datasets yet. Import one with <code>heldout dataset import</code>, or run <code>npm start</code> for the demo.</p>`
    : html`<table><thead><tr><th>dataset</th><th>classes</th><th>splits</th><th>description</th></tr></thead><tbody>
${datasets.map((d) => html`<tr><td><a href="/datasets/${encodeURIComponent(d.name)}">${d.name}</a></td><td>${d.classCount}</td>
<td>${d.splits.map((s) => html`<a href="/datasets/${encodeURIComponent(d.name)}/splits/${encodeURIComponent(s.name)}">${s.name}</a> (${s.itemCount.toLocaleString('en-US')}${s.labels_hidden ? ', labels hidden' : ''}) `)}</td>
<td class="muted">${d.description}</td></tr>`)}
</tbody></table>
${previews.map((p) => {
    const d = datasets.find((x) => x.id === p.datasetId);
    return d ? html`<h3><a href="/datasets/${encodeURIComponent(d.name)}">${d.name}</a> <span class="muted">/ ${p.split}</span></h3>
<div class="grid">${p.tiles.map((t) => html`<figure><img src="/blobs/${t.item.image_sha256}" alt="${t.cls?.name ?? t.item.name}" loading="lazy"><figcaption>${t.cls ? html`${t.cls.name}<br><code>${t.cls.wnid}</code>` : t.item.name}</figcaption></figure>`)}</div>` : '';
  })}`}
`);
}
