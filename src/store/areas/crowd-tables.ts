import type { Generated, Selectable } from 'kysely';
import type { CrowdQualificationTables } from './crowd-qualification-tables.js';

/**
 * Tables of the crowd area (migration 0003): labeling projects over a pool split, grid tasks and their images, workers,
 * assignments and votes. A vote row means "this assignment selected this task image"; every assignment shows every
 * image of its task (as in ImageNetV2), so "shown" is derived and only selections are stored.
 */
export interface CrowdTables extends CrowdQualificationTables {
  crowd_projects: CrowdProjectsTable;
  crowd_project_classes: CrowdProjectClassesTable;
  crowd_tasks: CrowdTasksTable;
  crowd_task_images: CrowdTaskImagesTable;
  crowd_workers: CrowdWorkersTable;
  crowd_assignments: CrowdAssignmentsTable;
  crowd_votes: CrowdVotesTable;
  crowd_pairs: CrowdPairsTable;
  crowd_task_slots: CrowdTaskSlotsTable;
}

export interface CrowdProjectsTable {
  id: Generated<number>;
  name: string;
  dataset_id: number;
  /** The candidate pool. */
  pool_split_id: number;
  /** Where positive and negative controls come from (e.g. the original test set); null: no controls. */
  controls_split_id: number | null;
  /** JSON, validated by the verify service (grid composition, assignments per task, lease, panel settings …). */
  settings: string;
  created_at: string;
}

export interface CrowdProjectClassesTable {
  project_id: number;
  wnid: string;
  /** Class whose images are this class's negative controls (most similar by WordNet path similarity). */
  negative_wnid: string | null;
  position: number;
}

export interface CrowdTasksTable {
  id: Generated<number>;
  project_id: number;
  wnid: string;
  /** `grid`, `top-up` (control top-up) or `imported` (an archived study). */
  kind: string;
  max_assignments: number;
  /** E.g. an MTurk HITId for imported tasks. */
  external_id: string | null;
  /** 1 unless the task was seen full (a hint for claims; the assignments are the truth). */
  open: Generated<number>;
  created_at: string;
}

export interface CrowdTaskImagesTable {
  id: Generated<number>;
  task_id: number;
  position: number;
  /** Opaque random id used in worker URLs: reveals neither the image's hash nor its role. */
  public_id: string;
  /** `candidate`, `positive` or `negative`; never sent to workers. */
  role: string;
  item_id: number | null;
  image_sha256: string | null;
  /** What the image is known by: the sha256 when stored, else the imported key (URL or id) that matched nothing. */
  image_key: string;
  /** The (image, class) pair it shows (migration 0011); null only in rows written before that migration ran. */
  pair_id: number | null;
}

export interface CrowdWorkersTable {
  id: Generated<number>;
  /** Unique display name: the account name, or `<kind>:<external id>` for panel, visitor, simulated and imported workers. */
  name: string;
  /** `account`, `panel`, `visitor`, `simulated` or `mturk`. */
  kind: string;
  external_id: string | null;
  /** sha256 of the worker's bearer token (tokens themselves are never stored). */
  token_hash: string | null;
  simulated: number;
  blocked: number;
  created_at: string;
}

export interface CrowdAssignmentsTable {
  id: Generated<number>;
  task_id: number;
  worker_id: number;
  /** `accepted` (leased) → `submitted` → `approved` | `rejected`; an expired lease becomes `abandoned`. */
  status: string;
  accepted_at: string;
  lease_expires_at: string | null;
  submitted_at: string | null;
  reviewed_at: string | null;
  /** Time on task measured by the page (ms), or from an imported WorkTimeInSeconds. */
  duration_ms: number | null;
  feedback: string | null;
  /** E.g. an MTurk AssignmentId. */
  external_id: string | null;
  /** Panel study and session ids (Prolific's STUDY_ID and SESSION_ID). */
  panel_study: string | null;
  panel_session: string | null;
  /**
   * Positions (in the task) of the selected images, ascending and comma-separated, written with the votes at submit
   * (migration 0011): the packed copy of this assignment's `crowd_votes` that selection frequencies read. Null until
   * handed in.
   */
  selections: string | null;
}

export interface CrowdVotesTable {
  assignment_id: number;
  task_image_id: number;
}

/**
 * (image, class) pairs of a project (migration 0011), numbered once at task creation: what a selection frequency is
 * about. One picture shown in tasks of two classes is two pairs.
 */
export interface CrowdPairsTable {
  id: Generated<number>;
  project_id: number;
  wnid: string;
  image_key: string;
}

/** Each task's images packed into one text (src/store/queries/crowd-task-slots.ts), written when the task is created. */
export interface CrowdTaskSlotsTable {
  task_id: number;
  packed: string;
}

export type CrowdProjectRow = Selectable<CrowdProjectsTable>;
export type CrowdProjectClassRow = Selectable<CrowdProjectClassesTable>;
export type CrowdTaskRow = Selectable<CrowdTasksTable>;
export type CrowdTaskImageRow = Selectable<CrowdTaskImagesTable>;
export type CrowdWorkerRow = Selectable<CrowdWorkersTable>;
export type CrowdAssignmentRow = Selectable<CrowdAssignmentsTable>;
export type * from './crowd-qualification-tables.js';
