import type { TextColumn } from './text-column.js';

/**
 * A project's task images, (image, class) pairs and valid selections as columns, for aggregation over millions of
 * image-votes. Pairs are numbered by the database at task creation (`crowd_pairs`, migration 0011) and each task's
 * images and each assignment's selections are stored packed (`crowd_task_slots`, `crowd_assignments.selections`), so a
 * read is one row per task: no row per image or vote, and no object per image, crosses into JavaScript.
 */
export interface CrowdTaskColumns {
  /** Per task, by id. */
  readonly taskId: Int32Array;
  readonly wnid: readonly string[];
  /** Valid (submitted or approved) assignments per task. */
  readonly validAssignments: Int32Array;
  /** Images of task t are `taskStart[t] .. taskStart[t+1]` in the image columns (CSR), in display order. */
  readonly taskStart: Int32Array;
  /** Per task image: its pair's index, pairs numbered 0, 1, … in order of first appearance (by task, then position). */
  readonly pair: Int32Array;
  /** Per task image, an index into `roleNames` (0–2: candidate, positive, negative). */
  readonly role: Uint8Array;
  readonly roleNames: readonly string[];
  /** 0 where the image is no stored item (an imported key that matched nothing). */
  readonly itemId: Int32Array;
  /** Valid assignments that selected the image. */
  readonly selected: Int32Array;
  /** Per pair, as its first task image has it (strings made when read: a million pairs make no million strings). */
  readonly pairImageKey: TextColumn;
  readonly pairImageSha256: TextColumn;
  /** The first task image's item (0: none), its split and `dataset/split/name`. */
  readonly pairItemId: Int32Array;
  readonly pairItemSplitId: Int32Array;
  readonly pairItemRef: TextColumn;
  /** Split and ref of every item that a pair shows besides its first task image's item (rare: one image, two items). */
  readonly otherItems: ReadonlyMap<number, { readonly splitId: number; readonly ref: string }>;
}

export interface CrowdColumnsStore {
  /** Task images, pairs and valid selections of a project (or one class), read one packed row per task. */
  crowdTaskColumns(projectId: number, scope?: { readonly wnid?: string }): Promise<CrowdTaskColumns>;
}
