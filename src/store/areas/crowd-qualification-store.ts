import type { CrowdPracticeImageRow, CrowdQualificationAttemptRow } from './crowd-qualification-tables.js';

export interface NewCrowdPracticeImage {
  readonly grid: number;
  readonly position: number;
  readonly wnid: string;
  readonly publicId: string;
  readonly itemId: number | null;
  readonly imageSha256: string;
  readonly expected: boolean;
}

export interface NewCrowdQualificationAttempt {
  readonly projectId: number;
  readonly workerId: number;
  readonly attempt: number;
  readonly minAccuracy: number;
  readonly images: readonly NewCrowdPracticeImage[];
  readonly now: Date;
}

export interface CrowdPracticeAnswer {
  readonly attemptId: number;
  readonly grid: number;
  /** Ids (not public ids) of the grid's images the worker selected; the rest of the grid is recorded unselected. */
  readonly selectedIds: readonly number[];
  readonly now: Date;
  /** Ends the attempt with this result (the last grid). */
  readonly finish?: { readonly status: 'passed' | 'failed'; readonly correct: number; readonly total: number };
}

/** Qualification: practice attempts with known answers that a worker passes before real tasks. */
export interface CrowdQualificationStore {
  /** A worker's attempts in a project, oldest first. */
  crowdQualificationAttempts(projectId: number, workerId: number): Promise<CrowdQualificationAttemptRow[]>;
  /** Starts an attempt with its practice images (the unique (project, worker, attempt) key refuses a racing twin). */
  startCrowdQualification(a: NewCrowdQualificationAttempt): Promise<CrowdQualificationAttemptRow>;
  crowdPracticeImages(attemptId: number): Promise<CrowdPracticeImageRow[]>;
  findCrowdPracticeImage(publicId: string): Promise<CrowdPracticeImageRow | undefined>;
  /** Records one grid's answers (and ends the attempt if asked); false, writing nothing, when the grid was answered before. */
  answerCrowdPracticeGrid(a: CrowdPracticeAnswer): Promise<boolean>;
}
