import type { CrowdAssignmentRow, CrowdTaskImageKey, Store } from '../store/store.js';
import { ROLE_CODE, type ImageRole } from './core/index.js';

/** One (image, class) pair: what a selection frequency is about. Images are keyed by content (sha256), else by key. */
export interface ImagePair {
  readonly image: string;
  readonly wnid: string;
  readonly sha256: string | null;
  readonly itemIds: readonly number[];
  /** `dataset/split/name` of the stored items with this image. */
  readonly itemRefs: readonly string[];
  /** Some item comes from a split with hidden labels (public pages must not show the pair). */
  readonly hidden: boolean;
  readonly roles: readonly ImageRole[];
}

/** A project's task images numbered for the pure core: pairs, and task images in task order (CSR by task). */
export interface IndexedTaskImages {
  readonly pairs: readonly ImagePair[];
  readonly images: readonly CrowdTaskImageKey[];
  readonly taskIds: readonly number[];
  /** Task id → task index. */
  readonly taskIndex: ReadonlyMap<number, number>;
  /** Task image id → task image index. */
  readonly imageIndex: ReadonlyMap<number, number>;
  readonly taskStart: Int32Array;
  readonly taskImagePair: Int32Array;
  readonly taskImageRole: Uint8Array;
}

/** The full columns: assignments and every stored selection (for Dawid–Skene, agreement, control accuracy). */
export interface ProjectVotes extends IndexedTaskImages {
  readonly assignments: readonly CrowdAssignmentRow[];
  readonly assignmentTask: Int32Array;
  /** 1 for submitted and approved assignments: the ones selection frequency counts. */
  readonly assignmentValid: Uint8Array;
  readonly voteAssignment: Int32Array;
  readonly voteTaskImage: Int32Array;
}

/** Statuses that count (ImageNetV2: Submitted or Approved; rejected work drops out). */
export const VALID_STATUSES: ReadonlySet<string> = new Set(['submitted', 'approved']);

/** Where items live, for naming them `dataset/split/name` and spotting hidden labels. */
export interface SplitInfo {
  readonly ref: string;
  readonly hidden: boolean;
}

/** Every split by id (few rows), to name items without joining per task image. */
export async function splitInfo(store: Store): Promise<Map<number, SplitInfo>> {
  const out = new Map<number, SplitInfo>();
  for (const d of await store.listDatasets()) for (const s of d.splits) out.set(s.id, { ref: `${d.name}/${s.name}`, hidden: s.labels_hidden === 1 });
  return out;
}

/**
 * Numbers task images (rows ordered by task, then position, as the store returns them) and their (image, class) pairs.
 * Written for a million rows: one map per class keyed by image, arrays only where a pair has several items.
 */
export function indexTaskImages(images: readonly CrowdTaskImageKey[], splits: ReadonlyMap<number, SplitInfo>): IndexedTaskImages {
  const byClass = new Map<string, Map<string, number>>();
  const pairs: Array<{ image: string; wnid: string; sha256: string | null; itemIds: number[]; itemRefs: string[]; hidden: boolean; roles: ImageRole[] }> = [];
  const taskIds: number[] = [];
  const taskIndex = new Map<number, number>();
  const starts: number[] = [];
  const taskImagePair = new Int32Array(images.length);
  const taskImageRole = new Uint8Array(images.length);
  const imageIndex = new Map<number, number>();
  let lastTask = -1;
  for (let j = 0; j < images.length; j++) {
    const img = images[j]!;
    if (img.task_id !== lastTask) {
      if (taskIndex.has(img.task_id)) throw new Error('task images must come grouped by task');
      taskIndex.set(img.task_id, taskIds.length);
      taskIds.push(img.task_id);
      starts.push(j);
      lastTask = img.task_id;
    }
    let keys = byClass.get(img.wnid);
    if (!keys) byClass.set(img.wnid, (keys = new Map()));
    const role = img.role as ImageRole;
    let p = keys.get(img.image_key);
    if (p === undefined) {
      p = pairs.length;
      keys.set(img.image_key, p);
      pairs.push({ image: img.image_key, wnid: img.wnid, sha256: img.image_sha256, itemIds: [], itemRefs: [], hidden: false, roles: [role] });
    } else if (!pairs[p]!.roles.includes(role)) pairs[p]!.roles.push(role);
    const pair = pairs[p]!;
    if (img.item_id !== null && !pair.itemIds.includes(img.item_id)) {
      pair.itemIds.push(img.item_id);
      const split = img.item_split_id === null ? undefined : splits.get(img.item_split_id);
      if (split) {
        pair.itemRefs.push(`${split.ref}/${img.item_name}`);
        if (split.hidden) pair.hidden = true;
      }
    }
    taskImagePair[j] = p;
    taskImageRole[j] = ROLE_CODE[role];
    imageIndex.set(img.id, j);
  }
  starts.push(images.length);
  return { pairs, images, taskIds, taskIndex, imageIndex, taskStart: Int32Array.from(starts), taskImagePair, taskImageRole };
}

/** Loads a project's (or one class's) task images, assignments and selections as columns. */
export async function loadProjectVotes(store: Store, projectId: number, wnid?: string): Promise<ProjectVotes> {
  const scope = wnid === undefined ? {} : { wnid };
  const indexed = indexTaskImages(await store.crowdTaskImageKeys(projectId, scope), await splitInfo(store));
  const assignments = await store.crowdAssignments(projectId, scope);
  const votes = await store.crowdVotes(projectId, scope);
  const assignmentIndex = new Map<number, number>();
  const assignmentTask = new Int32Array(assignments.length);
  const assignmentValid = new Uint8Array(assignments.length);
  assignments.forEach((a, k) => {
    assignmentIndex.set(a.id, k);
    assignmentTask[k] = indexed.taskIndex.get(a.task_id) ?? -1;
    assignmentValid[k] = VALID_STATUSES.has(a.status) && indexed.taskIndex.has(a.task_id) ? 1 : 0;
  });
  const voteAssignment = new Int32Array(votes.assignmentId.length);
  const voteTaskImage = new Int32Array(votes.assignmentId.length);
  for (let v = 0; v < votes.assignmentId.length; v++) {
    voteAssignment[v] = assignmentIndex.get(votes.assignmentId[v]!)!;
    voteTaskImage[v] = indexed.imageIndex.get(votes.taskImageId[v]!)!;
  }
  return { ...indexed, assignments, assignmentTask, assignmentValid, voteAssignment, voteTaskImage };
}

/**
 * Every (assignment, shown image) judgment of the given assignments, expanded from "every assignment shows its whole
 * task": the labels Dawid–Skene, agreement and control accuracy need. `keep` picks assignments (default: valid ones).
 */
export function expandJudgments(v: ProjectVotes, keep: (k: number) => boolean = (k) => v.assignmentValid[k] === 1) {
  const offset = new Int32Array(v.assignments.length + 1);
  for (let k = 0; k < v.assignments.length; k++) {
    const t = v.assignmentTask[k]!;
    const size = keep(k) && t >= 0 ? v.taskStart[t + 1]! - v.taskStart[t]! : 0;
    offset[k + 1] = offset[k]! + size;
  }
  const n = offset[v.assignments.length]!;
  const assignment = new Int32Array(n);
  const taskImage = new Int32Array(n);
  const selected = new Uint8Array(n);
  for (let k = 0; k < v.assignments.length; k++) {
    const t = v.assignmentTask[k]!;
    for (let j = 0, o = offset[k]!; o < offset[k + 1]!; j++, o++) {
      assignment[o] = k;
      taskImage[o] = v.taskStart[t]! + j;
    }
  }
  for (let i = 0; i < v.voteAssignment.length; i++) {
    const k = v.voteAssignment[i]!;
    if (offset[k + 1] === offset[k]) continue;
    selected[offset[k]! + v.voteTaskImage[i]! - v.taskStart[v.assignmentTask[k]!]!] = 1;
  }
  return { assignment, taskImage, selected };
}
