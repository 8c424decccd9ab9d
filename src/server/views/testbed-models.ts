import { html } from 'hono/html';
import { evaluationScore } from '../../evaluate/evaluation-score.js';
import { intervalText, percentWithCi } from '../../score/report-text.js';
import type { TestbedEvaluationSummary, TestbedModelRow } from '../../store/store.js';
import { layout } from './layout.js';

/** A split column of the models table. */
function splitKey(e: TestbedEvaluationSummary): string {
  return `${e.dataset_name}/${e.split_name}`;
}

/** One evaluation as a table cell: top-1 with its interval and n, or its status. */
export function accuracyCell(e: TestbedEvaluationSummary | undefined) {
  if (!e) return html`<td class="muted">—</td>`;
  const s = evaluationScore(e);
  if (!s) return html`<td class="muted">${e.status} ${e.done.toLocaleString('en-US')}/${e.n.toLocaleString('en-US')}</td>`;
  return html`<td title="top-${s.k}: ${percentWithCi(s.topk)}">${percentWithCi(s.top1)} <span class="muted">n=${e.n.toLocaleString('en-US')}</span></td>`;
}

/** `/testbed`: every model, with top-1 accuracy per evaluated split, best first on the first split. */
export function testbedModelsPage(models: readonly TestbedModelRow[], evals: readonly TestbedEvaluationSummary[]) {
  const splits = [...new Set(evals.map(splitKey))].sort();
  const first = splits[0];
  const acc = (m: TestbedModelRow) => {
    const e = evals.find((x) => x.model_id === m.id && splitKey(x) === first);
    return e ? (evaluationScore(e)?.top1.accuracy ?? -1) : -1;
  };
  const sorted = [...models].sort((a, b) => acc(b) - acc(a) || a.name.localeCompare(b.name));
  const interval = evals.map((e) => evaluationScore(e)).find((s) => s !== undefined)?.interval;
  return layout('Testbed', html`
<h1>Testbed</h1>
<p>Models evaluated on dataset splits with identical preprocessing (ONNX Runtime, presets checked against torchvision),
or with predictions imported from elsewhere. Top-1 accuracy with its ${interval ? intervalText(interval) : '95% Clopper–Pearson'} interval and n;
hover a cell for top-5.</p>
${models.length === 0
    ? html`<p class="muted">No models yet. Register one with <code>heldout model add</code>, or run <code>npm start</code> for the demo zoo.</p>`
    : html`<table><thead><tr><th>model</th><th>family</th><th>parameters</th><th>preset</th>${splits.map((s) => html`<th>${s}</th>`)}</tr></thead><tbody>
${sorted.map((m) => {
    const card = JSON.parse(m.card_json) as { family?: string; parameters?: number };
    return html`<tr><td><a href="/testbed/models/${encodeURIComponent(m.name)}">${m.name}</a></td><td>${card.family ?? ''}</td>
<td>${card.parameters !== undefined ? card.parameters.toLocaleString('en-US') : ''}</td><td>${m.preset ?? html`<span class="muted">imported</span>`}</td>
${splits.map((s) => accuracyCell(evals.find((e) => e.model_id === m.id && splitKey(e) === s)))}</tr>`;
  })}
</tbody></table>`}
<p class="muted">Run more with <code>heldout eval --all</code>; JSON at <a href="/api/testbed/models">/api/testbed/models</a>.</p>
`);
}
