import type { CountRow } from './study-data.js';

/** A model left out of a report or of its fit, and why. */
export interface Exclusion {
  readonly model: string;
  /** `missing` (no count on a set), `n-mismatch` (a different n than the set's), `fit-domain` (0 or 1 under probit/logit). */
  readonly kind: 'missing' | 'n-mismatch' | 'fit-domain';
  readonly reason: string;
}

/** Models with a count on every required set and that set's n, plus the exclusions. */
export interface ModelSelection {
  /** Model → set → count, for included models; in name order. */
  readonly included: ReadonlyArray<{ readonly model: string; readonly counts: ReadonlyMap<string, CountRow> }>;
  readonly excluded: readonly Exclusion[];
  /** The n of each set: the most common n among the models (ties: the larger). */
  readonly setN: ReadonlyMap<string, number>;
}

/**
 * Keeps the models that have a count on every one of `sets`, with the same n as the other models there. A test set is
 * one sample of images, so a model scored on a different number of images was scored on something else; it is
 * listed as excluded, never silently averaged in.
 */
export function selectModels(rows: readonly CountRow[], sets: readonly string[]): ModelSelection {
  const byModel = new Map<string, Map<string, CountRow>>();
  for (const r of rows) {
    let m = byModel.get(r.model);
    if (!m) byModel.set(r.model, (m = new Map()));
    m.set(r.testSet, r);
  }
  const setN = new Map<string, number>();
  for (const s of sets) {
    const freq = new Map<number, number>();
    for (const r of rows) if (r.testSet === s) freq.set(r.n, (freq.get(r.n) ?? 0) + 1);
    const best = [...freq.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0];
    if (best) setN.set(s, best[0]);
  }
  const included: Array<{ model: string; counts: Map<string, CountRow> }> = [];
  const excluded: Exclusion[] = [];
  for (const model of [...byModel.keys()].sort()) {
    const counts = byModel.get(model)!;
    const missing = sets.filter((s) => !counts.has(s));
    if (missing.length > 0) {
      excluded.push({ model, kind: 'missing', reason: `no result on ${missing.join(', ')}` });
      continue;
    }
    const wrongN = sets.filter((s) => counts.get(s)!.n !== setN.get(s));
    if (wrongN.length > 0) {
      excluded.push({ model, kind: 'n-mismatch', reason: wrongN.map((s) => `n=${counts.get(s)!.n} on ${s}, where the other models have n=${setN.get(s)}`).join('; ') });
      continue;
    }
    included.push({ model, counts });
  }
  return { included, excluded, setN };
}
