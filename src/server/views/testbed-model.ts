import { html } from 'hono/html';
import { evaluationScore } from '../../evaluate/evaluation-score.js';
import { percentWithCi } from '../../score/report-text.js';
import type { TestbedEvaluationSummary, TestbedModelRow } from '../../store/store.js';
import { layout } from './layout.js';

/** `/testbed/models/:name`: registration, model card and every evaluation with top-1 and top-5 intervals. */
export function testbedModelPage(m: TestbedModelRow, evals: readonly TestbedEvaluationSummary[]) {
  const card = JSON.parse(m.card_json) as Record<string, unknown>;
  return layout(m.name, html`
<h1>${m.name}</h1>
<p>${typeof card.description === 'string' ? card.description : ''}</p>
<table><tbody>
<tr><th>source</th><td>${m.source === 'onnx' ? html`ONNX, ${(m.onnx_bytes ?? 0).toLocaleString('en-US')} bytes, <code>${m.onnx_sha256}</code>` : 'imported predictions'}</td></tr>
<tr><th>preset</th><td>${m.preset ?? '—'}</td></tr>
<tr><th>classes</th><td>${m.num_classes} (${m.class_set}), outputs numbered by ${m.mapping}</td></tr>
</tbody></table>
<h2>Evaluations</h2>
${evals.length === 0 ? html`<p class="muted">None yet: <code>heldout eval --model ${m.name} --dataset D</code>.</p>` : html`
<table><thead><tr><th>split</th><th>status</th><th>n</th><th>top-1 (95% CP)</th><th>top-5 (95% CP)</th><th>scorer</th></tr></thead><tbody>
${evals.map((e) => {
    const s = evaluationScore(e);
    return html`<tr><td><a href="/datasets/${encodeURIComponent(e.dataset_name)}">${e.dataset_name}</a>/${e.split_name}</td><td>${e.status}${e.error ? html` <span class="muted">${e.error}</span>` : ''}</td>
<td>${e.n.toLocaleString('en-US')}</td><td>${s ? percentWithCi(s.top1) : '—'}</td><td>${s ? percentWithCi(s.topk) : '—'}</td><td class="muted">${e.scorer_version}</td></tr>`;
  })}
</tbody></table>`}
<h2>Model card</h2>
<pre>${JSON.stringify(card, null, 2)}</pre>
<p><a href="/testbed">All models</a></p>
`);
}
