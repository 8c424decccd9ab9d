import type { CrowdTaskColumns, Store } from '../store/store.js';
import { IMAGE_ROLES, type ImageRole, type TaskCountColumns } from './core/index.js';
import { splitInfo, type ImagePair, type SplitInfo } from './project-votes.js';

/** What selection frequencies need: (image, class) pairs and per-task counts, in the shape the pure core takes. */
export interface PairCountInput extends TaskCountColumns {
  /** In order of first appearance (by task, then position). */
  readonly pairs: readonly ImagePair[];
}

/**
 * Loads a project's (or one class's) task images and valid selections packed per task by the database
 * (`crowdTaskColumns`), and numbers the (image, class) pairs. Indexes are dense typed arrays: task image ids map to
 * their index through an `Int32Array` over the id range, so 15M image-votes take no Map lookup per vote.
 */
export async function loadPairCounts(store: Store, projectId: number, wnid?: string): Promise<PairCountInput> {
  const cols = await store.crowdTaskColumns(projectId, wnid === undefined ? {} : { wnid });
  return indexTaskColumns(cols, await splitInfo(store));
}

/** Numbers pairs and counts selections per task image; pure apart from its inputs (exported for tests). */
export function indexTaskColumns(cols: CrowdTaskColumns, splits: ReadonlyMap<number, SplitInfo>): PairCountInput {
  const n = cols.imageId.length;
  const byClass = new Map<string, Map<string, number>>();
  // Most pairs have one role and at most one item: they share the one-role and empty arrays (a million pairs would
  // otherwise allocate three arrays each, and the garbage collector would copy them all); a second value copies.
  const pairs: Array<{ image: string; wnid: string; sha256: string | null; itemIds: readonly number[]; itemRefs: readonly string[]; hidden: boolean; roles: readonly ImageRole[] }> = [];
  const taskImagePair = new Int32Array(n);
  for (let t = 0; t + 1 < cols.taskStart.length; t++) {
    const wnid = cols.wnid[t]!;
    let keys = byClass.get(wnid);
    if (!keys) byClass.set(wnid, (keys = new Map()));
    for (let j = cols.taskStart[t]!; j < cols.taskStart[t + 1]!; j++) {
      const key = cols.imageKey[j]!;
      const role = cols.role[j] as ImageRole;
      let p = keys.get(key);
      if (p === undefined) {
        p = pairs.length;
        keys.set(key, p);
        pairs.push({ image: key, wnid, sha256: cols.imageSha256[j]!, itemIds: NONE, itemRefs: NONE_REFS, hidden: false, roles: ONE_ROLE[role] ?? [role] });
      } else if (!pairs[p]!.roles.includes(role)) pairs[p]!.roles = [...pairs[p]!.roles, role];
      const item = cols.itemId[j]!;
      if (item !== 0) {
        const pair = pairs[p]!;
        if (!pair.itemIds.includes(item)) {
          pair.itemIds = [...pair.itemIds, item];
          const split = splits.get(cols.itemSplitId[j]!);
          if (split) {
            pair.itemRefs = [...pair.itemRefs, `${split.ref}/${cols.itemName[j]}`];
            if (split.hidden) pair.hidden = true;
          }
        }
      }
      taskImagePair[j] = p;
    }
  }
  return {
    pairs, pairCount: pairs.length, taskStart: cols.taskStart, taskImagePair, validPerTask: cols.validAssignments,
    selectedPerTaskImage: countPerImage(cols.imageId, cols.selectedImageId),
  };
}

const NONE: readonly number[] = Object.freeze([]);
const NONE_REFS: readonly string[] = Object.freeze([]);
const ONE_ROLE: Readonly<Record<string, readonly ImageRole[]>> = Object.freeze(Object.fromEntries(IMAGE_ROLES.map((r) => [r, Object.freeze([r])])));

/** How often each task image id occurs in `selected`, per index of `imageId`, through a dense id → index array. */
function countPerImage(imageId: Int32Array, selected: Int32Array): Int32Array {
  const counts = new Int32Array(imageId.length);
  if (imageId.length === 0) return counts;
  let min = imageId[0]!;
  let max = min;
  for (const id of imageId) {
    if (id < min) min = id;
    else if (id > max) max = id;
  }
  const index = new Int32Array(max - min + 1).fill(-1);
  for (let j = 0; j < imageId.length; j++) index[imageId[j]! - min] = j;
  for (let i = 0; i < selected.length; i++) {
    const j = index[selected[i]! - min];
    if (j === undefined || j < 0) throw new Error(`selection of task image ${selected[i]} outside the loaded tasks`);
    counts[j]!++;
  }
  return counts;
}
