import { readFile } from 'node:fs/promises';
import { UserError } from '../errors.js';
import type { StudyRow } from '../store/store.js';
import type { Workspace } from '../store/workspace.js';
import { parseCountCsv } from './core/parse-count-csv.js';
import { checkStudyName } from './study-sets.js';

export interface ImportStudyRequest {
  readonly name: string;
  readonly csv: string;
  /** The test set (as named in the CSV) that is the original. */
  readonly original: string;
  /** New test sets; default every other test set of the CSV except the holdout. */
  readonly newSets?: readonly string[];
  /** A test set of the CSV drawn from the original distribution and never used for model selection. */
  readonly holdout?: string;
  readonly percent?: boolean;
  /** Replace an existing study of the same name. */
  readonly replace?: boolean;
  readonly description?: string;
}

/**
 * Creates a study from a long-format accuracy table (model,test_set,correct,n): for published results or models
 * whose predictions are not in the testbed. The file is validated completely before anything is written; the study
 * and its counts are written in one transaction.
 */
export async function importStudy(ws: Workspace, req: ImportStudyRequest, now = new Date()): Promise<{ study: StudyRow; rows: number; models: number }> {
  checkStudyName(req.name);
  const text = await readFile(req.csv, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new UserError(`${req.csv}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
  });
  const rows = parseCountCsv(text, req.csv, { percent: req.percent });
  const sets = [...new Set(rows.map((r) => r.testSet))];
  const known = (s: string, what: string) => {
    if (!sets.includes(s)) throw new UserError(`${req.csv}: the ${what} test set "${s}" has no rows (test sets: ${sets.join(', ')})`);
  };
  known(req.original, 'original');
  if (req.holdout !== undefined) known(req.holdout, 'holdout');
  const newSets = req.newSets ?? sets.filter((s) => s !== req.original && s !== req.holdout);
  for (const s of newSets) known(s, 'new');
  if (newSets.length === 0) throw new UserError(`${req.csv}: no test set besides the original ${req.original}; a study needs a new one`);
  if (newSets.includes(req.original) || (req.holdout !== undefined && (newSets.includes(req.holdout) || req.holdout === req.original))) {
    throw new UserError('the original, new and holdout test sets must differ');
  }
  const models = new Set(rows.map((r) => r.model)).size;
  const study = await ws.store.transaction(async (tx) => {
    const existing = await tx.findStudy(req.name);
    if (existing && !req.replace) throw new UserError(`a study named "${req.name}" already exists (pass --replace to overwrite it)`);
    if (existing) await tx.deleteStudy(existing.id);
    return tx.createStudy({
      name: req.name, source: 'import', original: req.original, new_sets: JSON.stringify(newSets), holdout: req.holdout ?? null,
      models_json: JSON.stringify('all'), description: req.description ?? `imported from ${req.csv.split(/[\\/]/).pop()}`,
    }, rows.map((r) => ({ model: r.model, test_set: r.testSet, correct: r.correct, n: r.n })), now);
  });
  return { study, rows: rows.length, models };
}
