import { findSplitOrThrow } from '../datasets/find-split.js';
import { UserError } from '../errors.js';
import type { Store } from '../store/store.js';
import { normaliseTestSet } from './core/study-data.js';

/** `dataset:split` → its dataset and split rows, or a one-line error (split defaults to `test`). */
export async function resolveTestSet(store: Store, name: string) {
  const full = normaliseTestSet(name);
  const at = full.lastIndexOf(':');
  const dataset = full.slice(0, at);
  const split = full.slice(at + 1);
  if (!dataset || !split) throw new UserError(`test set "${name}" must be DATASET or DATASET:SPLIT`);
  return { name: full, ...(await findSplitOrThrow(store, dataset, split)) };
}

/** Study names: letters, digits and `. _ -`, up to 100 characters (they appear in URLs and file names). */
export function checkStudyName(name: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(name)) {
    throw new UserError(`study name "${name}" must start with a letter or digit and use only letters, digits, . _ - (at most 100)`);
  }
}
