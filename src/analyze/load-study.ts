import { UserError } from '../errors.js';
import { normaliseTestSet } from './core/study-data.js';
import { loadPredictions } from '../evaluate/evaluation-chunks.js';
import type { StudyRow } from '../store/store.js';
import type { Workspace } from '../store/workspace.js';
import type { CountRow, SetPredictions, StudyData } from './core/study-data.js';
import { resolveTestSet } from './study-sets.js';

/** A study by name, or a one-line error listing the studies that exist. */
export async function findStudyOrThrow(ws: Workspace, name: string): Promise<StudyRow> {
  const s = await ws.store.findStudy(name);
  if (!s) {
    const known = (await ws.store.listStudies()).map((x) => x.name);
    throw new UserError(`no study named "${name}"${known.length ? ` (studies: ${known.join(', ')})` : ' (create one with heldout study create or import)'}`, 1);
  }
  return s;
}

/** The study's new test sets, in order. */
export function newSetsOf(s: StudyRow): string[] {
  return JSON.parse(s.new_sets) as string[];
}

/**
 * What a report needs: counts for the original, the chosen new set(s) and the holdout, and, for testbed studies,
 * every model's per-image top-1 predictions on those sets with the labels. `only` limits the new sets read (a report
 * compares with one).
 */
export async function loadStudyData(ws: Workspace, s: StudyRow, only?: readonly string[]): Promise<StudyData> {
  const newSets = newSetsOf(s);
  const base = { name: s.name, source: s.source as 'testbed' | 'import', original: s.original, newSets, description: s.description, ...(s.holdout ? { holdout: s.holdout } : {}) };
  if (s.source === 'import') {
    const counts: CountRow[] = (await ws.store.listStudyCounts(s.id)).map((r) => ({ model: r.model, testSet: r.test_set, correct: r.correct, n: r.n }));
    return { ...base, counts };
  }
  const wanted = JSON.parse(s.models_json) as 'all' | string[];
  // `--new D` means D:test when the study's sets are dataset splits.
  const asked = only && new Set(only.flatMap((o) => [o, normaliseTestSet(o)]));
  const sets = [s.original, ...newSets.filter((n) => !asked || asked.has(n)), ...(s.holdout ? [s.holdout] : [])];
  const counts: CountRow[] = [];
  const predictions = new Map<string, SetPredictions>();
  for (const name of sets) {
    const { dataset, split } = await resolveTestSet(ws.store, name).catch((err: unknown) => {
      throw err instanceof UserError ? new UserError(`study ${s.name}: test set ${name}: ${err.message}`, err.exitCode) : err;
    });
    const evals = (await ws.store.listEvaluations({ splitId: split.id }))
      .filter((e) => e.status === 'done' && e.correct_top1 !== null && (wanted === 'all' || wanted.includes(e.model_name)));
    for (const e of evals) counts.push({ model: e.model_name, testSet: name, correct: e.correct_top1!, n: e.n });
    if (evals.length === 0) continue;
    const items = await ws.store.listItems(split.id);
    const indexOf = new Map((await ws.store.datasetClasses(dataset.id)).map((c) => [c.wnid, c.index]));
    const labels = Int32Array.from(items, (i) => indexOf.get(i.wnid) ?? -1);
    const top1 = new Map<string, Int32Array>();
    for (const e of evals) {
      if (e.n !== items.length) continue; // the split changed since; counts stay, per-image data would not line up
      const { guesses } = await loadPredictions(ws, e, items);
      const t = new Int32Array(items.length);
      for (let i = 0; i < items.length; i++) t[i] = guesses[i * e.k]!;
      top1.set(e.model_name, t);
    }
    predictions.set(name, { labels, top1 });
  }
  return { ...base, counts, predictions };
}
