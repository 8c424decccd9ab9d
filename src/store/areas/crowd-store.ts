import type {
  CrowdAssignmentRow, CrowdProjectClassRow, CrowdProjectRow, CrowdTaskImageRow, CrowdTaskRow, CrowdWorkerRow,
} from './crowd-tables.js';
import type { CrowdColumnsStore } from './crowd-columns-store.js';
import type { CrowdQualificationStore } from './crowd-qualification-store.js';

export type { CrowdColumnsStore, CrowdTaskColumns } from './crowd-columns-store.js';
export type * from './crowd-qualification-store.js';

export interface NewCrowdProject {
  readonly name: string;
  readonly datasetId: number;
  readonly poolSplitId: number;
  readonly controlsSplitId: number | null;
  /** Validated JSON (see src/verify/project-settings.ts). */
  readonly settings: string;
  readonly classes: ReadonlyArray<{ readonly wnid: string; readonly negativeWnid: string | null }>;
}

export interface NewCrowdTaskImage {
  readonly publicId: string;
  readonly role: string;
  readonly itemId: number | null;
  readonly imageSha256: string | null;
  readonly imageKey: string;
}

export interface NewCrowdTask {
  readonly wnid: string;
  readonly kind: string;
  readonly maxAssignments: number;
  readonly externalId?: string | null;
  /** In display order. */
  readonly images: readonly NewCrowdTaskImage[];
}

/** A created task with the ids of its images, in the order given. */
export interface CreatedCrowdTask {
  readonly id: number;
  readonly imageIds: readonly number[];
}

export interface NewCrowdWorker {
  readonly name: string;
  readonly kind: string;
  readonly externalId?: string | null;
  readonly tokenHash?: string | null;
  readonly simulated: boolean;
}

/** A task image with its task's class and, when it is a stored item, the item's split and name. */
export interface CrowdTaskImageInfo extends CrowdTaskImageRow {
  readonly wnid: string;
  readonly item_split_id: number | null;
  readonly item_name: string | null;
}

/** Only what aggregation needs of a task image (the lean read behind selection frequencies). */
export type CrowdTaskImageKey = Pick<CrowdTaskImageInfo, 'id' | 'task_id' | 'role' | 'item_id' | 'image_sha256' | 'image_key' | 'wnid' | 'item_split_id' | 'item_name'>;

/** How one task's assignments stand (for scheduling and progress). */
export interface CrowdTaskSlots {
  readonly taskId: number;
  readonly wnid: string;
  readonly kind: string;
  readonly maxAssignments: number;
  /** Submitted or approved. */
  readonly valid: number;
  /** Accepted with an unexpired lease. */
  readonly leased: number;
  readonly rejected: number;
}

export interface CrowdClaimRequest {
  readonly projectId: number;
  readonly workerId: number;
  readonly now: Date;
  readonly leaseMs: number;
  /** Only tasks of this class. */
  readonly wnid?: string;
  readonly panelStudy?: string | null;
  readonly panelSession?: string | null;
}

/** A leased assignment and its task; `resumed` when the worker already held this lease (a reload of the page). */
export interface CrowdClaim {
  readonly assignment: CrowdAssignmentRow;
  readonly task: CrowdTaskRow;
  readonly resumed: boolean;
}

export interface CrowdSubmitRequest {
  readonly assignmentId: number;
  readonly workerId: number;
  /** Public ids of the selected task images. */
  readonly selected: readonly string[];
  readonly durationMs: number | null;
  readonly now: Date;
  /** The worker's blocked flag as the caller just read it (saves a read); omitted: the store reads it. */
  readonly workerBlocked?: boolean;
}

/** What a submit did; every case but `submitted` wrote nothing. */
export type CrowdSubmitOutcome =
  | { readonly kind: 'submitted'; readonly assignment: CrowdAssignmentRow }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'not-yours' }
  | { readonly kind: 'blocked' }
  | { readonly kind: 'expired' }
  | { readonly kind: 'already-submitted'; readonly status: string }
  | { readonly kind: 'unknown-images'; readonly ids: readonly string[] };

/** An assignment written whole, e.g. from an archived MTurk batch. */
export interface NewCrowdAssignment {
  readonly taskId: number;
  readonly workerId: number;
  readonly status: string;
  readonly acceptedAt: string;
  readonly submittedAt: string | null;
  readonly reviewedAt: string | null;
  readonly durationMs: number | null;
  readonly feedback: string | null;
  readonly externalId: string | null;
  /** Ids of the task images it selected. */
  readonly selectedImageIds: readonly number[];
}

/** Stored selections as columns (assignment id, task image id), for aggregation without per-row objects. */
export interface CrowdVoteColumns {
  readonly assignmentId: Int32Array;
  readonly taskImageId: Int32Array;
}

export interface CrowdScope {
  readonly wnid?: string;
  readonly workerId?: number;
}

/** Crowd verification: projects, tasks, workers, assignments, votes. */
export interface CrowdStore extends CrowdColumnsStore, CrowdQualificationStore {
  createCrowdProject(p: NewCrowdProject, now: Date): Promise<CrowdProjectRow>;
  findCrowdProject(name: string): Promise<CrowdProjectRow | undefined>;
  listCrowdProjects(): Promise<CrowdProjectRow[]>;
  crowdProjectClasses(projectId: number): Promise<CrowdProjectClassRow[]>;
  /** Replaces a project's settings JSON (validated by the verify service). */
  setCrowdProjectSettings(projectId: number, settings: string): Promise<void>;

  addCrowdTasks(projectId: number, tasks: readonly NewCrowdTask[], now: Date): Promise<CreatedCrowdTask[]>;
  crowdTaskImages(projectId: number, scope?: CrowdScope & { readonly taskId?: number }): Promise<CrowdTaskImageInfo[]>;
  /** {@link crowdTaskImages} without the public ids and positions, for aggregation over many tasks. */
  crowdTaskImageKeys(projectId: number, scope?: CrowdScope): Promise<CrowdTaskImageKey[]>;
  /** Public ids of a task's images in display order (what a worker's page needs, and nothing else). */
  crowdTaskPublicIds(taskId: number): Promise<string[]>;
  findCrowdTaskImage(publicId: string): Promise<CrowdTaskImageRow | undefined>;
  crowdTaskSlots(projectId: number, now: Date): Promise<CrowdTaskSlots[]>;
  /** External ids (e.g. MTurk HITIds) of a project's imported tasks, to refuse importing a batch twice. */
  crowdTaskExternalIds(projectId: number): Promise<string[]>;

  createCrowdWorker(w: NewCrowdWorker, now: Date): Promise<CrowdWorkerRow>;
  findCrowdWorker(by: { readonly name: string } | { readonly tokenHash: string } | { readonly id: number }): Promise<CrowdWorkerRow | undefined>;
  listCrowdWorkers(): Promise<CrowdWorkerRow[]>;
  setCrowdWorkerBlocked(workerId: number, blocked: boolean): Promise<void>;
  /** Replaces a worker's token hash (a returning panel worker gets a new cookie). */
  setCrowdWorkerToken(workerId: number, tokenHash: string): Promise<void>;

  /**
   * Leases the next open task to a worker, race-safely: in one transaction, expired leases become `abandoned`, the
   * worker's live lease in this project is resumed if there is one, else the oldest task that is open (valid + leased
   * < max) and that this worker has never had gets a new `accepted` assignment. SQLite serialises writers; a backend
   * with `supportsSkipLocked` locks the chosen task row with FOR UPDATE SKIP LOCKED so concurrent claims pick others.
   */
  claimCrowdTask(req: CrowdClaimRequest): Promise<CrowdClaim | undefined>;
  /** Records a worker's selections and marks the assignment submitted, or writes nothing and says why. */
  submitCrowdAssignment(req: CrowdSubmitRequest): Promise<CrowdSubmitOutcome>;
  /** A worker hands a lease back (its slot returns to the pool); false when it held no live lease there. */
  returnCrowdAssignment(assignmentId: number, workerId: number): Promise<boolean>;
  /** Marks accepted assignments whose lease ended before `now` as abandoned; returns how many. */
  expireCrowdLeases(now: Date): Promise<number>;
  /** Approves or rejects submitted work (already reviewed work may be re-reviewed); returns how many changed. */
  reviewCrowdAssignments(ids: readonly number[], status: 'approved' | 'rejected', feedback: string | null, now: Date): Promise<number>;
  addCrowdAssignments(rows: readonly NewCrowdAssignment[]): Promise<number[]>;
  crowdAssignments(projectId: number, scope?: CrowdScope): Promise<CrowdAssignmentRow[]>;
  /** How many assignments a worker handed in (submitted, approved or rejected) in a project, or in one panel session. */
  countCrowdHandedIn(projectId: number, workerId: number, panelSession?: string | null): Promise<number>;
  crowdVotes(projectId: number, scope?: CrowdScope): Promise<CrowdVoteColumns>;
  /** Per task image, how many valid (submitted or approved) assignments selected it; aggregated by the database. */
  crowdSelectionCounts(projectId: number, scope?: CrowdScope): Promise<CrowdSelectionCounts>;
}

/** Selection counts per task image (only images selected at least once appear). */
export interface CrowdSelectionCounts {
  readonly taskImageId: Int32Array;
  readonly selected: Int32Array;
}
