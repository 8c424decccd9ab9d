import { html } from 'hono/html';
import type { JobInfo } from '../../jobs/queue.js';
import { layout } from './layout.js';

export function jobLine(j: JobInfo) {
  const s = j.state;
  const detail =
    s.kind === 'running' && s.progress
      ? `${s.progress.phase} ${s.progress.done.toLocaleString('en-US')}/${s.progress.total.toLocaleString('en-US')}`
      : s.kind === 'failed' ? `failed: ${s.error}` : s.kind;
  return html`<strong>${j.title}</strong> <span class="muted">${detail}</span>`;
}

export function jobsPage(jobs: readonly JobInfo[]) {
  return layout('Jobs', html`<h1>Jobs</h1>
${jobs.length === 0 ? html`<p class="muted">No jobs since the server started.</p>` : html`<ul>${jobs.map((j) => html`<li>${jobLine(j)}</li>`)}</ul>`}`);
}
