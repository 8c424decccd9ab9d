import type { StudyRow } from '../store/store.js';

/** A study as listed by `heldout study list --json` and `GET /api/studies`. */
export interface StudySummary {
  readonly name: string;
  readonly source: string;
  readonly original: string;
  readonly newSets: readonly string[];
  readonly holdout: string | null;
  readonly models: 'all' | readonly string[];
  readonly description: string;
  readonly createdAt: string;
}

export function studyListJson(rows: readonly StudyRow[]): StudySummary[] {
  return rows.map((s) => ({
    name: s.name, source: s.source, original: s.original, newSets: JSON.parse(s.new_sets) as string[], holdout: s.holdout,
    models: JSON.parse(s.models_json) as 'all' | string[], description: s.description, createdAt: s.created_at,
  }));
}
