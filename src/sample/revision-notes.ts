import type { ClassNote } from './core/index.js';
import { parseRevisionParams, type RevisionParams } from './revision-params.js';

/** What a revision stores beside its images (notes_json): per-class notes and how the inputs looked. */
export interface RevisionNotes {
  readonly classes: readonly ClassNote[];
  /** Collect pools whose reviews gave the near-duplicate status. */
  readonly collectPools: readonly string[];
  /** Near-duplicate check switched off: images never checked were treated as clear. */
  readonly skippedNearDuplicateCheck: boolean;
}

export function readRevisionParams(json: string): RevisionParams {
  return parseRevisionParams(JSON.parse(json));
}

export function readRevisionNotes(json: string): RevisionNotes {
  return JSON.parse(json) as RevisionNotes;
}
