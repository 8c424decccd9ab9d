import { ClassSet, type ClassEntry } from '../classes/class-set.js';
import { UserError } from '../errors.js';
import type { TestbedModelRow } from '../store/store.js';

/** How a model's outputs are numbered: by sorted-wnid index (PyTorch ImageFolder order) or by devkit ID − 1. */
export const OUTPUT_MAPPINGS = ['sorted-index', 'devkit'] as const;
export type OutputMapping = (typeof OUTPUT_MAPPINGS)[number];

/** The wnid of each output of a model, in output order. */
export function outputWnids(classes: ClassSet, mapping: OutputMapping): string[] {
  return Array.from({ length: classes.size }, (_, j) => (mapping === 'devkit' ? classes.byDevkitId(j + 1) : classes.byIndex(j)).wnid);
}

/** The dataset's classes as a ClassSet (devkit order), e.g. for label decoders. */
export function datasetClassSet(name: string, entries: readonly ClassEntry[]): ClassSet {
  const ordered = [...entries].sort((a, b) => a.devkitId - b.devkitId);
  return ClassSet.fromWnids(name, ordered.map((e) => e.wnid), ordered.map((e) => e.name));
}

/**
 * Output j of the model → class index of the dataset. The model must predict exactly the dataset's classes (any
 * order); anything else is a UserError naming both.
 */
export function outputToDatasetIndex(model: TestbedModelRow, datasetName: string, classes: readonly ClassEntry[]): Int32Array {
  const wnids = JSON.parse(model.class_wnids) as string[];
  const byWnid = new Map(classes.map((c) => [c.wnid, c.index]));
  const missing = wnids.filter((w) => !byWnid.has(w));
  if (missing.length > 0 || wnids.length !== classes.length) {
    throw new UserError(`model ${model.name} predicts ${wnids.length} classes (${model.class_set}) but dataset ${datasetName} has ${classes.length}${missing.length > 0 ? `; e.g. ${missing[0]} is not among the dataset's classes` : ''}: a model is evaluated on datasets with exactly its classes`);
  }
  return Int32Array.from(wnids, (w) => byWnid.get(w)!);
}
