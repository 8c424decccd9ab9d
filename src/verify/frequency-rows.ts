import { binomialInterval, type Interval } from '../stats/index.js';
import type { Store } from '../store/store.js';
import { frequenciesFromTaskCounts, frequenciesFromTasks, type ImageRole, type PairCounts } from './core/index.js';
import type { LoadedProject } from './find-project.js';
import { loadPairCounts } from './pair-counts.js';
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

export interface FrequencyTable {
  /** In pair order (`pairs`): by task, then position of first appearance. */
  readonly rows: readonly FrequencyRow[];
  readonly pairs: IndexedTaskImages['pairs'];
}

/**
 * Selection frequencies of every (image, class) pair of a project, ImageNetV2's way (see core/selection-frequency.ts),
 * recomputed from the stored assignments each time, so rejections and blocks take effect at once. The database packs
 * each task's images and valid selections into one row (see `crowdTaskColumns`), so no row per image or vote crosses
 * into JavaScript; the clock (`now`) is not needed for counts and is accepted for callers that pass it.
 */
export async function frequencyTable(store: Store, { project }: LoadedProject, { wnid }: { wnid?: string; now?: Date } = {}): Promise<FrequencyTable> {
  const data = await loadPairCounts(store, project.id, wnid);
  return { rows: frequencyRows(data.pairs, frequenciesFromTaskCounts(data)), pairs: data.pairs };
}

/** Frequency rows from full vote columns (when the votes are loaded anyway, e.g. for Dawid–Skene). */
export function frequencyRowsOfVotes(v: ProjectVotes): FrequencyRow[] {
  return frequencyRows(v.pairs, frequenciesFromTasks({ ...v, pairCount: v.pairs.length }));
}

function frequencyRows(pairs: IndexedTaskImages['pairs'], counts: PairCounts): FrequencyRow[] {
  // Crowd counts are small integers (n ≈ 10), so a million rows share a few hundred distinct intervals.
  const intervals = new Map<number, Interval>();
  const wilson = (k: number, n: number) => {
    const key = n * 1_048_576 + k;
    let ci = intervals.get(key);
    if (!ci) intervals.set(key, (ci = binomialInterval(k, n, { method: 'wilson' })));
    return ci;
  };
  return pairs.map((p, i) => {
    const selected = counts.selected[i]!;
    const shown = counts.shown[i]!;
    const ci = shown > 0 ? wilson(selected, shown) : undefined;
    return {
      image: p.image, wnid: p.wnid, selected, shown, frequency: shown > 0 ? selected / shown : null,
      lower: ci?.lower ?? null, upper: ci?.upper ?? null, roles: p.roles, items: p.itemRefs, hidden: p.hidden,
    };
  });
}

/** Rows sorted for reading: by class, then frequency (unseen last), then n, then image. */
export function sortedRows(rows: readonly FrequencyRow[], classOrder: readonly string[]): FrequencyRow[] {
  const rank = new Map(classOrder.map((w, i) => [w, i]));
  return [...rows].sort((a, b) =>
    (rank.get(a.wnid) ?? 1e9) - (rank.get(b.wnid) ?? 1e9) || a.wnid.localeCompare(b.wnid)
    || (b.frequency ?? -1) - (a.frequency ?? -1) || b.shown - a.shown || a.image.localeCompare(b.image));
}
