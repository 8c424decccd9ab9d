import { shuffled, type Rng } from '../../stats/index.js';

/** Code-unit order (what Python's `sorted` does on ASCII ids), never locale-dependent. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `k` distinct ids drawn uniformly by `rng` from the **sorted** list of `ids` (ImageNetV2 sampled over sorted ids so
 * the draw depends on the set, not on the order it was read in): a partial Fisher–Yates shuffle of the sorted copy,
 * returning the first k in draw order. All of them (sorted) when k ≥ their number; the rng is not advanced then.
 */
export function sampleSorted(ids: Iterable<string>, k: number, rng: Rng): string[] {
  const pool = [...ids].sort(compareIds);
  if (k >= pool.length) return pool;
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(pool.length - i);
    const tmp = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = tmp;
  }
  return pool.slice(0, k);
}

/** Fisher–Yates shuffle of a copy (the final shuffle of a revision's list). */
export const shuffleWith: <T>(items: readonly T[], rng: Rng) => T[] = shuffled;
