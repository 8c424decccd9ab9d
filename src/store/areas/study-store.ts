import type { NewStudy, NewStudyCount, StudyCountRow, StudyRow } from './study-tables.js';

/** Replication studies and their imported accuracy counts. */
export interface StudyStore {
  /** Creates a study with its imported counts (none for testbed studies), atomically. */
  createStudy(s: NewStudy, counts: readonly NewStudyCount[], now: Date): Promise<StudyRow>;
  findStudy(name: string): Promise<StudyRow | undefined>;
  listStudies(): Promise<StudyRow[]>;
  listStudyCounts(studyId: number): Promise<StudyCountRow[]>;
  /** Deletes a study and its counts. */
  deleteStudy(studyId: number): Promise<void>;
}
