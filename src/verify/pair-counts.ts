import type { CrowdTaskColumns, Store } from '../store/store.js';
import { IMAGE_ROLES, type ImageRole, type TaskCountColumns } from './core/index.js';
import { splitInfo, type ImagePair, type SplitInfo } from './project-votes.js';

/**
 * (image, class) pairs as columns, index = pair number. Strings and arrays are made when a pair is read: a million
 * pairs kept as objects cost seconds of garbage collection, as typed arrays and ranges of the read texts almost none.
 */
export interface PairColumns {
  readonly length: number;
  image(p: number): string;
  wnid(p: number): string;
  sha256(p: number): string | null;
  roles(p: number): readonly ImageRole[];
  /** Stored items with the pair's image. */
  itemIds(p: number): readonly number[];
  /** `dataset/split/name` of those items whose split is known. */
  itemRefs(p: number): readonly string[];
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
 * Roles and items per pair, in order of first appearance as the full-vote path (`indexTaskImages`) gathers them. Each
 * pair keeps a class number, a role-set number and its first item in typed arrays; only a pair with a second item
 * keeps a list (rare); pure apart from its inputs (exported for tests).
 */
export function indexTaskColumns(cols: CrowdTaskColumns, splits: ReadonlyMap<number, SplitInfo>): PairCountInput {
  const count = cols.pairImageKey.length;
  const classes = new Interner<string>();
  const taskClass = Int32Array.from(cols.wnid, (w) => classes.number(w, w));
  const roleSets = new Interner<readonly ImageRole[]>();
  for (const r of IMAGE_ROLES) roleSets.number(r, Object.freeze([r]));
  const slotRoles = cols.roleNames.map((name) => roleSets.number(name, Object.freeze([name as ImageRole])));
  const pairClass = new Int32Array(count);
  const pairRoles = new Uint16Array(count);
  const hidden = new Uint8Array(count);
  /** The first item seen per pair; later, different items in `moreItems` (rare). */
  const firstItem = new Int32Array(count);
  const moreItems = new Map<number, number[]>();
  const splitOf = (p: number, item: number) => (item === cols.pairItemId[p] ? cols.pairItemSplitId[p]! : (cols.otherItems.get(item)?.splitId ?? 0));
  const addItem = (p: number, item: number) => {
    const split = splits.get(splitOf(p, item));
    if (firstItem[p] === 0) firstItem[p] = item;
    else {
      let more = moreItems.get(p);
      if (more?.includes(item)) return;
      if (!more) moreItems.set(p, (more = []));
      more.push(item);
    }
    if (split?.hidden) hidden[p] = 1;
  };

  let seen = 0;
  for (let t = 0; t + 1 < cols.taskStart.length; t++) {
    const c = taskClass[t]!;
    for (let j = cols.taskStart[t]!; j < cols.taskStart[t + 1]!; j++) {
      const p = cols.pair[j]!;
      const role = slotRoles[cols.role[j]!]!;
      if (p === seen) {
        seen++;
        pairClass[p] = c;
        pairRoles[p] = role;
      } else if (p > seen) {
        throw new Error('pairs must be numbered in order of first appearance');
      } else if (pairRoles[p] !== role) {
        const r = roleSets.value(pairRoles[p]!);
        const name = cols.roleNames[cols.role[j]!] as ImageRole;
        if (!r.includes(name)) pairRoles[p] = roleSets.number([...r, name].join('\u0000'), Object.freeze([...r, name]));
      }
      const item = cols.itemId[j]!;
      if (item !== 0 && item !== firstItem[p]) addItem(p, item);
    }
  }

  const refOf = (p: number, item: number): string | undefined => {
    if (!splits.has(splitOf(p, item))) return undefined;
    return (item === cols.pairItemId[p] ? cols.pairItemRef.at(p) : cols.otherItems.get(item)?.ref) ?? '';
  };
  const itemIds = (p: number): readonly number[] => {
    const first = firstItem[p]!;
    return first === 0 ? NONE : [first, ...(moreItems.get(p) ?? NONE)];
  };
  const itemRefs = (p: number): readonly string[] => {
    const first = firstItem[p]!;
    if (first === 0) return NONE_REFS;
    const more = moreItems.get(p);
    if (!more) {
      const ref = refOf(p, first);
      return ref === undefined ? NONE_REFS : [ref];
    }
    return [first, ...more].flatMap((item) => refOf(p, item) ?? []);
  };
  let objects: ImagePair[] | undefined;
  const pairs: PairColumns = {
    length: count,
    image: (p) => cols.pairImageKey.at(p)!,
    wnid: (p) => classes.value(pairClass[p]!),
    sha256: (p) => cols.pairImageSha256.at(p) ?? null,
    roles: (p) => roleSets.value(pairRoles[p]!),
    itemIds, itemRefs, hidden,
    objects: () => (objects ??= Array.from({ length: count }, (_, p): ImagePair => ({
      image: pairs.image(p), wnid: pairs.wnid(p), sha256: pairs.sha256(p), itemIds: itemIds(p), itemRefs: itemRefs(p), hidden: hidden[p] === 1, roles: pairs.roles(p),
    }))),
  };
  return {
    pairs, pairCount: count, taskStart: cols.taskStart, taskImagePair: cols.pair, validPerTask: cols.validAssignments,
    selectedPerTaskImage: cols.selected,
  };
}

/** Pair columns over pair objects (the full-vote path, which builds objects anyway). */
export function pairColumnsOf(list: readonly ImagePair[]): PairColumns {
  return {
    length: list.length,
    image: (p) => list[p]!.image,
    wnid: (p) => list[p]!.wnid,
    sha256: (p) => list[p]!.sha256,
    roles: (p) => list[p]!.roles,
    itemIds: (p) => list[p]!.itemIds,
    itemRefs: (p) => list[p]!.itemRefs,
    hidden: Uint8Array.from(list, (x) => (x.hidden ? 1 : 0)),
    objects: () => list,
  };
}

/** Numbers distinct keys 0, 1, … and keeps one value per key. */
class Interner<T> {
  private readonly numbers = new Map<string, number>();
  private readonly values: T[] = [];

  number(key: string, value: T): number {
    let n = this.numbers.get(key);
    if (n === undefined) {
      n = this.values.push(value) - 1;
      this.numbers.set(key, n);
    }
    return n;
  }

  value(n: number): T {
    return this.values[n]!;
  }
}

const NONE: readonly number[] = Object.freeze([]);
const NONE_REFS: readonly string[] = Object.freeze([]);
