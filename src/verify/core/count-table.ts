/**
 * Ratings of units (images) into K nominal categories, as counts: `counts[u*K + k]` raters put unit u in category k.
 * For a grid task class, K = 2 (not selected, selected) and a unit's raters are the valid assignments that showed it.
 */
export interface CountTable {
  readonly units: number;
  readonly categories: number;
  readonly counts: Float64Array;
  /** How many units each row stands for (default 1 each): a bootstrap resample of distinct rows. */
  readonly weights?: Float64Array;
}

/** Builds a count table from rows of per-category counts (for tests and small inputs). */
export function countTable(rows: ReadonlyArray<readonly number[]>): CountTable {
  const categories = rows[0]?.length ?? 0;
  const counts = new Float64Array(rows.length * categories);
  rows.forEach((r, u) => {
    if (r.length !== categories) throw new RangeError(`row ${u} has ${r.length} categories, expected ${categories}`);
    r.forEach((v, k) => (counts[u * categories + k] = v));
  });
  return { units: rows.length, categories, counts };
}

/** Binary table from per-unit selected and shown counts. */
export function binaryCountTable(selected: ArrayLike<number>, shown: ArrayLike<number>): CountTable {
  const units = selected.length;
  const counts = new Float64Array(units * 2);
  for (let u = 0; u < units; u++) {
    counts[2 * u] = shown[u]! - selected[u]!;
    counts[2 * u + 1] = selected[u]!;
  }
  return { units, categories: 2, counts };
}

/** Restricts a table to the given units (bootstrap resamples). */
export function pickUnits(t: CountTable, units: ArrayLike<number>): CountTable {
  const K = t.categories;
  const counts = new Float64Array(units.length * K);
  for (let j = 0; j < units.length; j++) counts.set(t.counts.subarray(units[j]! * K, units[j]! * K + K), j * K);
  return { units: units.length, categories: K, counts };
}
