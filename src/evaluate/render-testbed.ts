import { accuracyLine, intervalText, percentWithCi, proportionJson } from '../score/report-text.js';
import type { TestbedEvaluationSummary, TestbedModelRow } from '../store/store.js';
import { evaluationScore } from './evaluation-score.js';
import type { EvaluationOutcome } from './run-evaluations.js';

/** JSON of one evaluation outcome (`heldout eval --json`). */
export function outcomeJson(o: EvaluationOutcome): Record<string, unknown> {
  const e = o.evaluation;
  const score = evaluationScore(e);
  return {
    model: o.model, dataset: o.dataset, split: o.split, status: o.status, n: e.n, done: e.done, imagesRun: o.imagesRun,
    ...(score ? { top1: proportionJson(score.top1), [`top${score.k}`]: proportionJson(score.topk), confidence: score.interval.confidence, interval: score.interval.method } : {}),
    scorerVersion: e.scorer_version, withScores: e.with_scores === 1, evaluationId: e.id,
    ...(o.error !== undefined ? { error: o.error } : {}),
  };
}

/** Text of one outcome: `lenet5 on fashion-mnist/test (done): top-1 accuracy 84.08% [83.35, 84.79] (n=10000, …)`. */
export function outcomeText(o: EvaluationOutcome): string {
  const e = o.evaluation;
  const head = `${o.model} on ${o.dataset}/${o.split} (${o.status === 'skipped' ? 'already done' : o.status}${o.imagesRun ? `, ${o.imagesRun} images run` : ''})`;
  const score = evaluationScore(e);
  if (!score) return `${head}: ${e.done}/${e.n} images stored${o.error ? `; ${o.error}` : ''}`;
  return `${head}:\n  ${accuracyLine(1, score.top1, score.interval)}\n  ${accuracyLine(score.k, score.topk, score.interval)}`;
}

/** JSON of a model with its evaluations. */
export function modelJson(m: TestbedModelRow, evals: readonly TestbedEvaluationSummary[]): Record<string, unknown> {
  return {
    name: m.name, source: m.source, preset: m.preset, classSet: m.class_set, mapping: m.mapping, numClasses: m.num_classes,
    onnx: m.onnx_sha256 ? { sha256: m.onnx_sha256, bytes: m.onnx_bytes } : null,
    card: JSON.parse(m.card_json) as unknown, createdAt: m.created_at,
    evaluations: evals.map((e) => {
      const score = evaluationScore(e);
      return {
        dataset: e.dataset_name, split: e.split_name, status: e.status, n: e.n, done: e.done,
        ...(score ? { top1: proportionJson(score.top1), [`top${score.k}`]: proportionJson(score.topk) } : {}),
        ...(e.error ? { error: e.error } : {}),
      };
    }),
  };
}

/** `heldout model list`: one line per model, then its evaluations' top-1 with n and interval. */
export function modelListText(models: readonly TestbedModelRow[], evals: readonly TestbedEvaluationSummary[]): string {
  if (models.length === 0) return 'no models yet (heldout model add NAME --onnx FILE --preset P)';
  const lines: string[] = [];
  for (const m of models) {
    const card = JSON.parse(m.card_json) as { family?: string; parameters?: number };
    lines.push(`${m.name}  ${m.source === 'onnx' ? m.preset : 'imported predictions'}  ${m.num_classes} classes (${m.class_set})${card.family ? `  ${card.family}` : ''}${card.parameters !== undefined ? `  ${card.parameters.toLocaleString('en-US')} params` : ''}`);
    for (const e of evals.filter((x) => x.model_id === m.id)) lines.push(`  ${evalLine(e)}`);
  }
  const first = evals.map((e) => evaluationScore(e)).find((s) => s !== undefined);
  if (first) lines.push('', `intervals: ${intervalText(first.interval)}`);
  return lines.join('\n');
}

/** `heldout model show`. */
export function modelShowText(m: TestbedModelRow, evals: readonly TestbedEvaluationSummary[]): string {
  const lines = [
    `model ${m.name}`,
    `  source:   ${m.source === 'onnx' ? `ONNX, ${m.onnx_bytes} bytes, sha256 ${m.onnx_sha256}` : 'imported predictions'}`,
    ...(m.preset ? [`  preset:   ${m.preset}`] : []),
    `  classes:  ${m.num_classes} (${m.class_set}), outputs by ${m.mapping}`,
    `  card:     ${JSON.stringify(JSON.parse(m.card_json) as unknown, null, 2).split('\n').join('\n            ')}`,
    `  evaluations:`,
    ...(evals.length ? evals.map((e) => `    ${evalLine(e)}`) : ['    none yet (heldout eval --model NAME --dataset D)']),
  ];
  return lines.join('\n');
}

function evalLine(e: TestbedEvaluationSummary): string {
  const score = evaluationScore(e);
  const where = `${e.dataset_name}/${e.split_name}`;
  if (!score) return `${where}: ${e.status}, ${e.done}/${e.n} images${e.error ? ` — ${e.error}` : ''}`;
  return `${where}: top-1 ${percentWithCi(score.top1)}, top-${score.k} ${percentWithCi(score.topk)} (n=${e.n})`;
}
