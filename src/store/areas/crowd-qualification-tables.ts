import type { Generated, Selectable } from 'kysely';

/**
 * Tables of crowd qualification (migration 0010): a worker's practice attempts in a project and the practice images
 * (controls with known answers) each attempt showed. Practice answers live here only: they are never votes.
 */
export interface CrowdQualificationTables {
  crowd_qualification_attempts: CrowdQualificationAttemptsTable;
  crowd_practice_images: CrowdPracticeImagesTable;
}

export interface CrowdQualificationAttemptsTable {
  id: Generated<number>;
  project_id: number;
  worker_id: number;
  /** 1, 2, … per worker and project. */
  attempt: number;
  /** `open` → `passed` | `failed`. */
  status: string;
  /** The project's threshold when the attempt started (a later settings change does not move it). */
  min_accuracy: number;
  /** Practice images answered right / answered, set when the attempt ends. */
  correct: number;
  total: number;
  started_at: string;
  finished_at: string | null;
}

export interface CrowdPracticeImagesTable {
  id: Generated<number>;
  attempt_id: number;
  /** Practice grid 0, 1, … of the attempt, and position in it. */
  grid: number;
  position: number;
  /** The grid's class. */
  wnid: string;
  /** Opaque random id in worker URLs, as for task images. */
  public_id: string;
  item_id: number | null;
  image_sha256: string;
  /** 1: the image shows the grid's class (a positive control), 0: it does not. */
  expected: number;
  /** 1 selected, 0 left unselected, null: not answered yet. */
  answer: number | null;
  answered_at: string | null;
}

export type CrowdQualificationAttemptRow = Selectable<CrowdQualificationAttemptsTable>;
export type CrowdPracticeImageRow = Selectable<CrowdPracticeImagesTable>;
