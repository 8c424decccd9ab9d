import type { LabelSpace } from '../classes/class-set.js';
import { findSplitOrThrow } from '../datasets/find-split.js';
import { readInputText } from '../datasets/read-input.js';
import { UserError } from '../errors.js';
import { IdIndex } from '../formats/predictions/id-index.js';
import { labelDecoder } from '../formats/predictions/label-decoder.js';
import type { LabelTable } from '../formats/predictions/tables.js';
import { alignToLabels } from '../score/core/align-to-labels.js';
import { readPredictions, type FormatChoice } from '../score/read-table.js';
import type { TestbedEvaluationRow, TestbedModelRow } from '../store/store.js';
import type { Workspace } from '../store/workspace.js';
import { encodePredictionChunk } from './core/prediction-chunk.js';
import { SCORER_VERSION, TOP_K } from './evaluation-score.js';
import { finishIfComplete } from './evaluation-chunks.js';
import { checkModelName } from './add-model.js';
import { parseModelCard } from './model-card.js';
import { datasetClassSet, outputToDatasetIndex } from './resolve-classes.js';

export interface ImportPredictionsRequest {
  readonly model: string;
  readonly dataset: string;
  readonly split: string;
  readonly file: string;
  readonly format?: FormatChoice;
  /** How class IDs in the file are written; default `index` (sorted-wnid index of the dataset's classes). */
  readonly labelSpace?: LabelSpace;
  /** Card for a model that does not exist yet. */
  readonly card?: string;
  /** Replace an existing evaluation of this model on this split. */
  readonly force?: boolean;
}

const CHUNK = 1024;

/**
 * Imports predictions computed elsewhere as a model's evaluation on a split: the file is read with the scoring
 * parsers (npy, CSV, JSONL, ILSVRC text), joined to the split's images (keyed files by image_id = item name, ordered
 * files by position order), and stored like an evaluation Heldout ran (top-5 per image; float .npy logits are ranked
 * first). A model that does not exist is created with `source = predictions` and the dataset's classes. All rows in
 * one transaction, blobs first; a failure leaves the workspace as it was.
 */
export async function importPredictions(ws: Workspace, req: ImportPredictionsRequest, now = new Date()): Promise<TestbedEvaluationRow> {
  checkModelName(req.model);
  const { dataset, split } = await findSplitOrThrow(ws.store, req.dataset, req.split);
  const entries = await ws.store.datasetClasses(dataset.id);
  const classes = datasetClassSet(dataset.class_set, entries);
  const items = await ws.store.listItems(split.id);
  if (items.length === 0) throw new UserError(`dataset ${dataset.name} split ${split.name} has no images`);
  let model = await ws.store.findModel(req.model);
  if (model) outputToDatasetIndex(model, dataset.name, entries); // same classes, or a clear error
  const existing = model ? await ws.store.findEvaluation(model.id, split.id) : undefined;
  if (existing && !req.force) throw new UserError(`model ${req.model} already has an evaluation on ${dataset.name}/${split.name} (${existing.status}); use --force to replace it`);
  const card = req.card !== undefined ? parseModelCard(await readInputText(req.card, 'model card'), req.card) : {};

  // Item names are the image_ids of keyed files; the index matches rows to items while the file is parsed.
  const ids = new IdIndex(items.map((i) => i.name));
  const preds = await readPredictions(req.file, req.format ?? 'auto', labelDecoder(classes, req.labelSpace ?? 'index'), TOP_K, ids);
  const labelsTable: LabelTable = {
    kind: 'labels', file: `${dataset.name}/${split.name}`, format: preds.format, join: preds.join, n: items.length,
    labels: new Int32Array(items.length), ...(preds.join === 'id' ? { ids: ids.ids, idIndex: ids } : {}),
  };
  const guesses = alignToLabels(labelsTable, preds);

  const blobs: Array<{ sha256: string; created: boolean; chunk: number; count: number }> = [];
  try {
    for (let c = 0; c * CHUNK < items.length; c++) {
      const slice = items.slice(c * CHUNK, (c + 1) * CHUNK);
      const bytes = encodePredictionChunk({
        positions: Int32Array.from(slice, (i) => i.position), k: TOP_K, classes: classes.size,
        topk: guesses.slice(c * CHUNK * TOP_K, (c * CHUNK + slice.length) * TOP_K),
      });
      blobs.push({ ...(await ws.blobs.put(bytes)), chunk: c, count: slice.length });
    }
    const evaluation = await ws.store.transaction(async (tx) => {
      if (existing) await tx.deleteEvaluation(existing.id);
      model ??= await tx.createModel(predictionsModel(req.model, classes.name, classes.entries.map((e) => e.wnid).sort(), card), now);
      const e = await tx.createEvaluation({
        model_id: (model as TestbedModelRow).id, split_id: split.id, n: items.length, k: TOP_K, chunk_size: CHUNK, scorer_version: SCORER_VERSION,
        with_scores: 0, settings_json: JSON.stringify({ imported: req.file, format: preds.format, labelSpace: req.labelSpace ?? 'index' }),
      }, now);
      for (const b of blobs) await tx.addChunk(e.id, { chunk: b.chunk, count: b.count, blob_sha256: b.sha256 }, now);
      return finishIfComplete({ ...ws, store: tx }, e, items, entries);
    });
    return evaluation;
  } catch (err) {
    for (const b of blobs) if (b.created) await ws.blobs.delete(b.sha256);
    throw err;
  }
}

function predictionsModel(name: string, classSet: string, sortedWnids: string[], card: object) {
  return {
    name, source: 'predictions', onnx_sha256: null, onnx_bytes: null, preset: null, mapping: 'sorted-index', class_set: classSet,
    class_wnids: JSON.stringify(sortedWnids), num_classes: sortedWnids.length, card_json: JSON.stringify(card),
  };
}
