import path from 'node:path';
import { resolveClassSet } from '../catalog/builtin-class-sets.js';
import { UserError } from '../errors.js';
import { readInputFile, readInputText } from '../datasets/read-input.js';
import type { TestbedModelRow } from '../store/store.js';
import type { Workspace } from '../store/workspace.js';
import { parseModelCard, type ModelCard } from './model-card.js';
import { loadOnnxModel } from './onnx-model.js';
import { isPresetName, PRESET_NAMES, PRESETS } from './presets/index.js';
import { outputWnids, type OutputMapping } from './resolve-classes.js';

export interface AddModelRequest {
  /** Model name: letters, digits, `.`, `_`, `-`. */
  readonly name: string;
  readonly onnx: string;
  readonly preset: string;
  /** `ilsvrc2012` (default), `fashion-mnist`, or a class-table file. */
  readonly classes?: string;
  /** Output j is class index j (`sorted-index`, default) or devkit ID j + 1 (`devkit`). */
  readonly mapping?: OutputMapping;
  /** A JSON model card file. */
  readonly card?: string;
  /** A card given as data (the demo seeder), instead of a file. */
  readonly cardData?: ModelCard;
}

/** Model and dataset names appear in URLs and file names: keep them plain. */
export function checkModelName(name: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(name)) {
    throw new UserError(`model name "${name}" must start with a letter or digit and use only letters, digits, ".", "_" and "-" (at most 100)`);
  }
}

/**
 * Registers an ONNX model: checks it loads and fits the preset and class set (one dry run), stores the file as a
 * blob and the model row in one transaction. A failure leaves the workspace as it was.
 *
 * @example await addModel(ws, { name: 'lenet5', onnx: 'data/zoo/lenet5.onnx', preset: 'fmnist-28', classes: 'fashion-mnist', mapping: 'devkit' })
 */
export async function addModel(ws: Workspace, req: AddModelRequest, now = new Date()): Promise<TestbedModelRow> {
  checkModelName(req.name);
  if (!isPresetName(req.preset)) throw new UserError(`unknown preset "${req.preset}" (presets: ${PRESET_NAMES.join(', ')})`);
  if (await ws.store.findModel(req.name)) throw new UserError(`a model named "${req.name}" already exists`);
  const classes = resolveClassSet(req.classes ?? 'ilsvrc2012');
  const mapping = req.mapping ?? 'sorted-index';
  const card = req.card !== undefined ? parseModelCard(await readInputText(req.card, 'model card'), req.card) : (req.cardData ?? {});
  const bytes = await readInputFile(req.onnx, 'ONNX file');
  const onnx = await loadOnnxModel(bytes, `model ${req.name} (${path.basename(req.onnx)})`, PRESETS[req.preset], req.preset, classes.size, { threads: 1 });
  await onnx.close();
  const { sha256, created } = await ws.blobs.put(bytes);
  try {
    return await ws.store.transaction((tx) => tx.createModel({
      name: req.name, source: 'onnx', onnx_sha256: sha256, onnx_bytes: bytes.length, preset: req.preset, mapping,
      class_set: classes.name, class_wnids: JSON.stringify(outputWnids(classes, mapping)), num_classes: classes.size,
      card_json: JSON.stringify(card),
    }, now));
  } catch (err) {
    if (created) await ws.blobs.delete(sha256);
    throw err;
  }
}
