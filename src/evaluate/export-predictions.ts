import { writeFile } from 'node:fs/promises';
import type { LabelSpace } from '../classes/class-set.js';
import { findSplitOrThrow } from '../datasets/find-split.js';
import { UserError } from '../errors.js';
import type { Workspace } from '../store/workspace.js';
import { loadPredictions } from './evaluation-chunks.js';
import { findModelOrThrow } from './run-evaluations.js';

export interface ExportPredictionsRequest {
  readonly model: string;
  readonly dataset: string;
  readonly split: string;
  readonly out: string;
  /** csv: `image_id,pred1..predK` keyed by item name; ilsvrc: Task-1 lines in the split's order. */
  readonly format: 'csv' | 'ilsvrc';
  readonly labelSpace: LabelSpace;
}

/**
 * Writes a model's stored top-k predictions on a split as a file that `heldout score`, `heldout submit` and
 * `model import-predictions` read back: how a testbed model becomes a challenge submission. Predictions carry no
 * label, so this is safe for hidden splits.
 */
export async function exportPredictions(ws: Workspace, req: ExportPredictionsRequest): Promise<{ readonly images: number; readonly k: number }> {
  const model = await findModelOrThrow(ws, req.model);
  const { dataset, split } = await findSplitOrThrow(ws.store, req.dataset, req.split);
  const evaluation = (await ws.store.listEvaluations({ modelId: model.id, splitId: split.id }))[0];
  if (!evaluation || evaluation.status !== 'done') {
    throw new UserError(`model ${model.name} has no finished evaluation on ${dataset.name}/${split.name} (run heldout eval --model ${model.name} --dataset ${dataset.name} --split ${split.name})`);
  }
  const items = await ws.store.listItems(split.id);
  const classes = await ws.store.datasetClasses(dataset.id);
  const byIndex = new Map(classes.map((c) => [c.index, c]));
  const name = (index: number): string => {
    const c = byIndex.get(index);
    if (!c) throw new Error(`stored prediction ${index} is not a class of ${dataset.name}`);
    return req.labelSpace === 'wnid' ? c.wnid : req.labelSpace === 'devkit' ? String(c.devkitId) : String(c.index);
  };
  const { guesses } = await loadPredictions(ws, evaluation, items);
  const k = evaluation.k;
  const lines: string[] = req.format === 'csv' ? [['image_id', ...Array.from({ length: k }, (_, j) => `pred${j + 1}`)].join(',')] : [];
  for (let i = 0; i < items.length; i++) {
    const top: string[] = [];
    for (let j = 0; j < k; j++) {
      const g = guesses[i * k + j]!;
      if (g >= 0) top.push(name(g));
    }
    lines.push(req.format === 'csv' ? [csvField(items[i]!.name), ...top].join(',') : top.join(' '));
  }
  await writeFile(req.out, `${lines.join('\n')}\n`);
  return { images: items.length, k };
}

const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
