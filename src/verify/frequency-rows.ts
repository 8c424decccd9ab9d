import { binomialInterval, type Interval } from '../stats/index.js';
import type { Store } from '../store/store.js';
import { frequenciesFromTaskCounts, frequenciesFromTasks, readingOrder, type ImageRole, type PairCounts } from './core/index.js';
import type { LoadedProject } from './find-project.js';
import { loadPairCounts, pairColumnsOf, type PairColumns } from './pair-counts.js';
import type { IndexedTaskImages, ProjectVotes } from './project-votes.js';

/** One row of `heldout crowd frequencies`: the contract columns first (image, wnid, selected, shown, frequency). */
export interface FrequencyRow {
  /** The image's sha256, or the imported key (URL or id) when it matched no stored image. */
  readonly image: string;
  readonly wnid: string;
  /** Valid assignments that selected it. */
  readonly selected: number;
  /** Valid assignments that showed it (n). */
  readonly shown: number;
  /** selected / shown; null when nobody has seen it yet. */
  readonly frequency: number | null;
  /** 95% Wilson interval of the frequency. */
  readonly lower: number | null;
  readonly upper: number | null;
  readonly roles: readonly ImageRole[];
  /** `split/name` of the stored items with this image. */
  readonly items: readonly string[];
  /** True when an item comes from a split whose labels are hidden: public pages must not show this row. */
  readonly hidden: boolean;
}

/**
 * Every (image, class) pair's counts, frequency and interval as columns (index = pair number); rows are made when asked
 * for. NaN in `frequency`, `lower` and `upper` marks a pair nobody has seen yet (null in its row).
 */
export interface FrequencyTable {
  readonly length: number;
  readonly selected: Uint32Array;
  readonly shown: Uint32Array;
  readonly frequency: Float64Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly columns: PairColumns;
  /** Row `i`, made on each call. */
  row(i: number): FrequencyRow;
  /** Every row, in pair order (by task, then position of first appearance), made on the first read and kept. */
  readonly rows: readonly FrequencyRow[];
  /** The pairs as objects, made on the first read and kept. */
  readonly pairs: IndexedTaskImages['pairs'];
}

/**
 * Selection frequencies of every (image, class) pair of a project, ImageNetV2's way (see core/selection-frequency.ts),
 * recomputed from the stored assignments each time, so rejections and blocks take effect at once. The database keeps
 * pairs numbered and each task's images and each assignment's selections packed (see `crowdTaskColumns`), so the read
 * is one row per task, and the result is columns: 15 million image-votes make no object per pair until rows are read.
 * The clock (`now`) is not needed for counts and is accepted for callers that pass it.
 */
export async function frequencyTable(store: Store, { project }: LoadedProject, { wnid }: { wnid?: string; now?: Date } = {}): Promise<FrequencyTable> {
  const data = await loadPairCounts(store, project.id, wnid);
  return tableOf(data.pairs, frequenciesFromTaskCounts(data));
}

/** Frequency rows from full vote columns (when the votes are loaded anyway, e.g. for Dawid–Skene). */
export function frequencyRowsOfVotes(v: ProjectVotes): FrequencyRow[] {
  return [...tableOf(pairColumnsOf(v.pairs), frequenciesFromTasks({ ...v, pairCount: v.pairs.length })).rows];
}

function tableOf(pairs: PairColumns, counts: PairCounts): FrequencyTable {
  const n = pairs.length;
  const frequency = new Float64Array(n);
  const lower = new Float64Array(n);
  const upper = new Float64Array(n);
  const intervals = new IntervalCache(counts.shown);
  for (let i = 0; i < n; i++) {
    const selected = counts.selected[i]!;
    const shown = counts.shown[i]!;
    if (shown === 0) {
      frequency[i] = lower[i] = upper[i] = Number.NaN;
      continue;
    }
    const ci = intervals.get(selected, shown);
    frequency[i] = selected / shown;
    lower[i] = ci.lower;
    upper[i] = ci.upper;
  }
  const nullable = (x: number) => (Number.isNaN(x) ? null : x);
  const row = (i: number): FrequencyRow => ({
    image: pairs.image(i), wnid: pairs.wnid(i), selected: counts.selected[i]!, shown: counts.shown[i]!,
    frequency: nullable(frequency[i]!), lower: nullable(lower[i]!), upper: nullable(upper[i]!),
    roles: pairs.roles(i), items: pairs.itemRefs(i), hidden: pairs.hidden[i] === 1,
  });
  let rows: FrequencyRow[] | undefined;
  return {
    length: n, selected: counts.selected, shown: counts.shown, frequency, lower, upper, columns: pairs, row,
    get rows() { return (rows ??= Array.from({ length: n }, (_, i) => row(i))); },
    get pairs() { return pairs.objects(); },
  };
}

/**
 * Wilson intervals by (selected, shown). Crowd counts are small integers (n ≈ 10), so a million pairs share a few
 * hundred distinct intervals: each is computed once, kept under shown·(shown+1)/2 + selected, in an array while n is small.
 */
class IntervalCache {
  private readonly dense: Array<Interval | undefined>;
  private readonly sparse = new Map<number, Interval>();

  constructor(shown: Uint32Array) {
    let max = 0;
    for (const n of shown) if (n > max) max = n;
    this.dense = new Array<Interval | undefined>(max <= 1000 ? ((max + 1) * (max + 2)) / 2 : 0).fill(undefined);
  }

  get(selected: number, shown: number): Interval {
    const key = (shown * (shown + 1)) / 2 + selected;
    const useDense = this.dense.length > 0;
    let ci = useDense ? this.dense[key] : this.sparse.get(key);
    if (ci === undefined) {
      ci = binomialInterval(selected, shown, { method: 'wilson' });
      if (useDense) this.dense[key] = ci;
      else this.sparse.set(key, ci);
    }
    return ci;
  }
}

/**
 * Reading order: by class (in `classOrder`; classes not in it after, by wnid), then frequency (unseen last), then n,
 * then image key in code-unit order (not the locale's collation, so every machine prints the same order).
 */
export function sortedRows<R extends FrequencyRow>(rows: readonly R[], classOrder: readonly string[]): R[] {
  const order = readingOrder({
    length: rows.length, classRank: classRanks(rows.length, (i) => rows[i]!.wnid, classOrder),
    selected: rows.map((r) => r.selected), shown: rows.map((r) => r.shown), image: (i) => rows[i]!.image,
  });
  return Array.from(order, (i) => rows[i]!);
}

/** A table's pair numbers in reading order (as {@link sortedRows}), with `keep` choosing pairs (e.g. not hidden). */
export function frequencyOrder(table: FrequencyTable, classOrder: readonly string[], keep: (i: number) => boolean = () => true): Uint32Array {
  const picked: number[] = [];
  for (let i = 0; i < table.length; i++) if (keep(i)) picked.push(i);
  const order = readingOrder({
    length: picked.length, classRank: classRanks(picked.length, (k) => table.columns.wnid(picked[k]!), classOrder),
    selected: picked.map((i) => table.selected[i]!), shown: picked.map((i) => table.shown[i]!), image: (k) => table.columns.image(picked[k]!),
  });
  return order.map((k) => picked[k]!);
}

/** Each row's class position: `classOrder` first, then classes not in it by wnid. */
function classRanks(n: number, wnid: (i: number) => string, classOrder: readonly string[]): Int32Array {
  const rank = new Map(classOrder.map((w, i) => [w, i]));
  const out = new Int32Array(n);
  const unranked = new Set<string>();
  for (let i = 0; i < n; i++) {
    const w = wnid(i);
    const r = rank.get(w);
    if (r === undefined) unranked.add(w);
    out[i] = r ?? -1;
  }
  if (unranked.size === 0) return out;
  const later = new Map([...unranked].sort().map((w, k) => [w, classOrder.length + k]));
  for (let i = 0; i < n; i++) if (out[i] === -1) out[i] = later.get(wnid(i))!;
  return out;
}
