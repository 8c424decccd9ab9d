import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * Tables of the study area: replication studies (an original test set, new test sets, the models compared) and the
 * accuracy counts imported for studies whose models have no predictions in the testbed. Test sets are named
 * `dataset:split`; testbed studies read their counts and predictions from the testbed area at report time.
 */
export interface StudyTables {
  studies: StudiesTable;
  study_counts: StudyCountsTable;
}

export interface StudiesTable {
  id: Generated<number>;
  name: string;
  /** `testbed` (counts and predictions from testbed evaluations) or `import` (counts in study_counts). */
  source: string;
  /** The original test set (`dataset:split` for testbed studies, the CSV's name for imports). */
  original: string;
  /** JSON array of the new test sets, in the order given. */
  new_sets: string;
  /** A never-used split from the original distribution, when one exists (makes the adaptivity gap estimable). */
  holdout: string | null;
  /** JSON: `"all"` or an array of model names. */
  models_json: string;
  description: string;
  created_at: string;
}

export interface StudyCountsTable {
  study_id: number;
  model: string;
  test_set: string;
  correct: number;
  n: number;
}

export type StudyRow = Selectable<StudiesTable>;
export type StudyCountRow = Selectable<StudyCountsTable>;
export type NewStudy = Omit<Insertable<StudiesTable>, 'id' | 'created_at'>;
export type NewStudyCount = Omit<Insertable<StudyCountsTable>, 'study_id'>;
