import type { NewSampleImage, NewSampleRevision, SampleBlacklistRow, SampleImageRow, SampleRevisionRow } from './sample-tables.js';

/** A revision with the names a listing shows. */
export interface SampleRevisionSummary extends SampleRevisionRow {
  readonly project_name: string;
  readonly parent_name: string | null;
  readonly images: number;
}

/** Revisions of sampled test sets, their ordered images, and per-project blacklists (src/sample). */
export interface SampleStore {
  /** Inserts a revision and its images (joins the caller's transaction if any). */
  createSampleRevision(r: NewSampleRevision, images: readonly NewSampleImage[], now: Date): Promise<SampleRevisionRow>;
  findSampleRevision(by: { readonly name: string } | { readonly id: number }): Promise<SampleRevisionRow | undefined>;
  listSampleRevisions(q?: { readonly projectId?: number }): Promise<SampleRevisionSummary[]>;
  /** A revision's images in row order. */
  sampleImages(revisionId: number): Promise<SampleImageRow[]>;

  /** Adds an image to a project's blacklist, or replaces the reason of an entry. */
  putBlacklistEntry(projectId: number, imageSha256: string, reason: string, now: Date): Promise<void>;
  /** False when the image was not blacklisted. */
  removeBlacklistEntry(projectId: number, imageSha256: string): Promise<boolean>;
  listBlacklist(projectId: number): Promise<SampleBlacklistRow[]>;
}
