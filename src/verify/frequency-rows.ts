import { binomialInterval, type Interval } from '../stats/index.js';
import type { Store } from '../store/store.js';
import { frequenciesFromTaskCounts, frequenciesFromTasks, type ImageRole, type PairCounts } from './core/index.js';
import type { LoadedProject } from './find-project.js';
import { loadPairCounts, type PairColumns } from './pair-counts.js';
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
 * recomputed from the stored assignments each time, so rejections and blocks take effect at once. The database keeps
 * pairs numbered and each task's images and each assignment's selections packed (see `crowdTaskColumns`), so the read
 * is one row per task; `pairs` are made into objects only when asked for. The clock (`now`) is not needed for counts
 * and is accepted for callers that pass it.
 */
export async function frequencyTable(store: Store, { project }: LoadedProject, { wnid }: { wnid?: string; now?: Date } = {}): Promise<FrequencyTable> {
  const data = await loadPairCounts(store, project.id, wnid);
  const rows = frequencyRows(data.pairs, frequenciesFromTaskCounts(data));
  return { rows, get pairs() { return data.pairs.objects(); } };
}

/** Frequency rows from full vote columns (when the votes are loaded anyway, e.g. for Dawid–Skene). */
export function frequencyRowsOfVotes(v: ProjectVotes): FrequencyRow[] {
  const p = v.pairs;
  const fields: PairFields = {
    length: p.length, image: p.map((x) => x.image), wnid: p.map((x) => x.wnid), roles: p.map((x) => x.roles),
    itemRefs: p.map((x) => x.itemRefs), hidden: Uint8Array.from(p, (x) => (x.hidden ? 1 : 0)),
  };
  return frequencyRows(fields, frequenciesFromTasks({ ...v, pairCount: p.length }));
}

type PairFields = Pick<PairColumns, 'length' | 'image' | 'wnid' | 'roles' | 'itemRefs' | 'hidden'>;

function frequencyRows(pairs: PairFields, counts: PairCounts): FrequencyRow[] {
  // Crowd counts are small integers (n ≈ 10), so a million rows share a few hundred distinct frequencies and intervals:
  // each (selected, shown) is computed once, kept under shown·(shown+1)/2 + selected, in an array while n is small.
  let maxShown = 0;
  for (const n of counts.shown) if (n > maxShown) maxShown = n;
  const dense = maxShown <= 1000;
  const table = new Array<Stats | undefined>(dense ? ((maxShown + 1) * (maxShown + 2)) / 2 : 0).fill(undefined);
  const sparse = new Map<number, Stats>();
  const stats = (selected: number, shown: number): Stats => {
    if (shown === 0) return UNSEEN;
    const key = (shown * (shown + 1)) / 2 + selected;
    let c = dense ? table[key] : sparse.get(key);
    if (c === undefined) {
      const ci: Interval = binomialInterval(selected, shown, { method: 'wilson' });
      c = { frequency: selected / shown, lower: ci.lower, upper: ci.upper };
      if (dense) table[key] = c;
      else sparse.set(key, c);
    }
    return c;
  };
  const rows = new Array<FrequencyRow>(pairs.length);
  for (let i = 0; i < pairs.length; i++) {
    const selected = counts.selected[i]!;
    const shown = counts.shown[i]!;
    rows[i] = row(pairs.image[i]!, pairs.wnid[i]!, selected, shown, stats(selected, shown), pairs.roles[i]!, pairs.itemRefs[i]!, pairs.hidden[i] === 1);
  }
  return rows;
}

interface Stats {
  readonly frequency: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}
const UNSEEN: Stats = { frequency: null, lower: null, upper: null };

function row(image: string, wnid: string, selected: number, shown: number, c: Stats, roles: readonly ImageRole[], items: readonly string[], hidden: boolean): FrequencyRow {
  return { image, wnid, selected, shown, frequency: c.frequency, lower: c.lower, upper: c.upper, roles, items, hidden };
}
// A row that holds null where numbers go makes V8 store those fields as references: every row then points at its
// cache entry's numbers instead of boxing three numbers of its own (a million rows: three million fewer objects).
row('', '', 0, 0, UNSEEN, [], [], false);

/** Rows sorted for reading: by class, then frequency (unseen last), then n, then image. */
export function sortedRows(rows: readonly FrequencyRow[], classOrder: readonly string[]): FrequencyRow[] {
  const rank = new Map(classOrder.map((w, i) => [w, i]));
  return [...rows].sort((a, b) =>
    (rank.get(a.wnid) ?? 1e9) - (rank.get(b.wnid) ?? 1e9) || a.wnid.localeCompare(b.wnid)
    || (b.frequency ?? -1) - (a.frequency ?? -1) || b.shown - a.shown || a.image.localeCompare(b.image));
}
