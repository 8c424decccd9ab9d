import { UserError } from '../errors.js';
import type { StudyRow } from '../store/store.js';
import type { Workspace } from '../store/workspace.js';
import { checkStudyName, resolveTestSet } from './study-sets.js';

export interface CreateStudyRequest {
  readonly name: string;
  /** The original test set, `dataset[:split]`. */
  readonly original: string;
  /** New test sets, `dataset[:split]` each. */
  readonly newSets: readonly string[];
  /** `all` (every model evaluated on the sets, read at report time) or model names. */
  readonly models: 'all' | readonly string[];
  /** A never-used split of the original distribution, `dataset[:split]`. */
  readonly holdout?: string;
  readonly description?: string;
}

/**
 * Creates a testbed study: the test sets must exist as dataset splits and listed models in the testbed. Counts and
 * predictions are read from the testbed when a report is made, so evaluations added later join the study.
 */
export async function createStudy(ws: Workspace, req: CreateStudyRequest, now = new Date()): Promise<StudyRow> {
  checkStudyName(req.name);
  const { store } = ws;
  if (await store.findStudy(req.name)) throw new UserError(`a study named "${req.name}" already exists`);
  if (req.newSets.length === 0) throw new UserError('a study needs at least one new test set (--new)');
  const original = (await resolveTestSet(store, req.original)).name;
  const newSets: string[] = [];
  for (const s of req.newSets) newSets.push((await resolveTestSet(store, s)).name);
  const holdout = req.holdout === undefined ? null : (await resolveTestSet(store, req.holdout)).name;
  const sets = [original, ...newSets, ...(holdout ? [holdout] : [])];
  const dup = sets.find((s, i) => sets.indexOf(s) !== i);
  if (dup) throw new UserError(`test set ${dup} is given twice; the original, new and holdout sets must differ`);
  if (req.models !== 'all') {
    if (req.models.length === 0) throw new UserError('--models needs at least one model name, or "all"');
    for (const m of req.models) if (!(await store.findModel(m))) throw new UserError(`no model named "${m}" in the testbed`);
  }
  return store.createStudy({
    name: req.name, source: 'testbed', original, new_sets: JSON.stringify(newSets), holdout,
    models_json: JSON.stringify(req.models), description: req.description ?? '',
  }, [], now);
}
