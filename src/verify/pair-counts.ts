import type { CrowdTaskColumns, Store } from '../store/store.js';
import { IMAGE_ROLES, type ImageRole, type TaskCountColumns } from './core/index.js';
import { splitInfo, type ImagePair, type SplitInfo } from './project-votes.js';

/** (image, class) pairs as columns, index = pair number; objects only on demand (a million pairs cost seconds of GC). */
export interface PairColumns {
  readonly length: number;
  readonly image: readonly string[];
  readonly wnid: readonly string[];
  readonly roles: ReadonlyArray<readonly ImageRole[]>;
  /** `dataset/split/name` of the stored items with the pair's image. */
  readonly itemRefs: ReadonlyArray<readonly string[]>;
  /** 1 where an item comes from a split with hidden labels. */
  readonly hidden: Uint8Array;
  /** The pairs as {@link ImagePair} objects, built on the first call and shared after. */
  objects(): readonly ImagePair[];
}

/** What selection frequencies need: (image, class) pairs and per-task counts, in the shape the pure core takes. */
export interface PairCountInput extends TaskCountColumns {
  /** In order of first appearance (by task, then position). */
  readonly pairs: PairColumns;
}

/**
 * Loads a project's (or one class's) task images, pairs and valid selections (`crowdTaskColumns`: one packed row per
 * task, pairs numbered by the database) and gathers each pair's roles and items.
 */
export async function loadPairCounts(store: Store, projectId: number, wnid?: string): Promise<PairCountInput> {
  const cols = await store.crowdTaskColumns(projectId, wnid === undefined ? {} : { wnid });
  return indexTaskColumns(cols, await splitInfo(store));
}

/**
 * Roles and items per pair, in order of first appearance as the full-vote path (`indexTaskImages`) gathers them. Most
 * pairs have one role and at most one item: they share the one-role and empty arrays, and only a pair with a second
 * item keeps a list of item ids; pure apart from its inputs (exported for tests).
 */
export function indexTaskColumns(cols: CrowdTaskColumns, splits: ReadonlyMap<number, SplitInfo>): PairCountInput {
  const count = cols.pairImageKey.length;
  const wnid = new Array<string>(count);
  const roles = new Array<readonly ImageRole[]>(count);
  const itemRefs = new Array<readonly string[]>(count);
  const hidden = new Uint8Array(count);
  /** The first item seen per pair; later, different items in `moreItems` (rare). */
  const firstItem = new Int32Array(count);
  const moreItems = new Map<number, number[]>();
  let lastSplit = -1;
  let lastSplitInfo: SplitInfo | undefined;
  const addItem = (p: number, item: number) => {
    if (firstItem[p] === 0) firstItem[p] = item;
    else {
      let more = moreItems.get(p);
      if (more?.includes(item)) return;
      if (!more) moreItems.set(p, (more = []));
      more.push(item);
    }
    const own = item === cols.pairItemId[p];
    const other = own ? undefined : cols.otherItems.get(item);
    const splitId = own ? cols.pairItemSplitId[p]! : (other?.splitId ?? 0);
    if (splitId !== lastSplit) {
      lastSplit = splitId;
      lastSplitInfo = splits.get(splitId);
    }
    // An item whose split is unknown is listed without a ref (as the full-vote path does).
    if (lastSplitInfo) {
      const ref = (own ? cols.pairItemRef[p] : other?.ref) ?? '';
      const refs = itemRefs[p]!;
      itemRefs[p] = refs.length === 0 ? [ref] : [...refs, ref];
      if (lastSplitInfo.hidden) hidden[p] = 1;
    }
  };

  let seen = 0;
  let lastRole = '';
  let lastRoles: readonly ImageRole[] = [];
  for (let t = 0; t + 1 < cols.taskStart.length; t++) {
    const w = cols.wnid[t]!;
    for (let j = cols.taskStart[t]!; j < cols.taskStart[t + 1]!; j++) {
      const p = cols.pair[j]!;
      const role = cols.role[j] as ImageRole;
      if (role !== lastRole) {
        lastRole = role;
        lastRoles = ONE_ROLE.get(role) ?? [role];
      }
      if (p === seen) {
        seen++;
        wnid[p] = w;
        roles[p] = lastRoles;
        itemRefs[p] = NONE_REFS;
      } else if (p > seen) {
        throw new Error('pairs must be numbered in order of first appearance');
      } else {
        const r = roles[p]!;
        if (!r.includes(role)) roles[p] = [...r, role];
      }
      const item = cols.itemId[j]!;
      if (item !== 0 && item !== firstItem[p]) addItem(p, item);
    }
  }

  let objects: ImagePair[] | undefined;
  const pairs: PairColumns = {
    length: count, image: cols.pairImageKey, wnid, roles, itemRefs, hidden,
    objects: () => (objects ??= Array.from({ length: count }, (_, p): ImagePair => {
      const first = firstItem[p]!;
      return {
        image: cols.pairImageKey[p]!, wnid: wnid[p]!, sha256: cols.pairImageSha256[p]!,
        itemIds: first === 0 ? NONE : [first, ...(moreItems.get(p) ?? NONE)], itemRefs: itemRefs[p]!, hidden: hidden[p] === 1, roles: roles[p]!,
      };
    })),
  };
  return {
    pairs, pairCount: count, taskStart: cols.taskStart, taskImagePair: cols.pair, validPerTask: cols.validAssignments,
    selectedPerTaskImage: cols.selected,
  };
}

const NONE: readonly number[] = Object.freeze([]);
const NONE_REFS: readonly string[] = Object.freeze([]);
const ONE_ROLE: ReadonlyMap<string, readonly ImageRole[]> = new Map(IMAGE_ROLES.map((r) => [r, Object.freeze([r])]));
