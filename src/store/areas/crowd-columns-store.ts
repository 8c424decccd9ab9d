/**
 * A project's task images and valid selections as columns, for aggregation over millions of image-votes: the database
 * packs each task's images and selections into one row per task, so no row (or object) per image or vote crosses into
 * JavaScript.
 */
export interface CrowdTaskColumns {
  /** Per task, by id. */
  readonly taskId: Int32Array;
  readonly wnid: readonly string[];
  /** Valid (submitted or approved) assignments per task. */
  readonly validAssignments: Int32Array;
  /** Images of task t are `taskStart[t] .. taskStart[t+1]` in the image columns (CSR), in display order. */
  readonly taskStart: Int32Array;
  /** Per task image. */
  readonly imageId: Int32Array;
  readonly role: readonly string[];
  /** 0 where the image is no stored item (an imported key that matched nothing). */
  readonly itemId: Int32Array;
  readonly itemSplitId: Int32Array;
  readonly itemName: ReadonlyArray<string | null>;
  readonly imageKey: readonly string[];
  readonly imageSha256: ReadonlyArray<string | null>;
  /** One entry per selection of a valid assignment: the selected task image's id. */
  readonly selectedImageId: Int32Array;
}

export interface CrowdColumnsStore {
  /** Task images and valid selections of a project (or one class), packed per task by the database. */
  crowdTaskColumns(projectId: number, scope?: { readonly wnid?: string }): Promise<CrowdTaskColumns>;
}
