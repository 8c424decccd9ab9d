/** How many images of each role one grid task holds. ImageNetV2 used 42 candidates + 3 positive + 3 negative controls. */
export interface GridComposition {
  /** At most this many candidates per task (the last task of a class may hold fewer). */
  readonly candidates: number;
  /** Verified images of the task's class (e.g. from the original test set). */
  readonly positives: number;
  /** Verified images of the most similar class by WordNet path similarity. */
  readonly negatives: number;
}

/** ImageNetV2's grid (`sample_args_10.json`): 48 images. */
export const IMAGENETV2_GRID: GridComposition = { candidates: 42, positives: 3, negatives: 3 };

/** ImageNetV2's "special" tasks that top up annotated controls (16 + 16 + 16). */
export const CONTROL_TOP_UP_GRID: GridComposition = { candidates: 16, positives: 16, negatives: 16 };

/** Images in a full task of this composition. */
export function gridSize(c: GridComposition): number {
  return c.candidates + c.positives + c.negatives;
}

/** Throws a RangeError unless every count is a non-negative integer, candidates ≥ 1 and the grid has ≤ 200 images. */
export function checkComposition(c: GridComposition): GridComposition {
  for (const [name, v] of Object.entries(c)) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`grid ${name} must be a non-negative integer, got ${String(v)}`);
  }
  if (c.candidates < 1) throw new RangeError('a grid needs at least one candidate');
  // A page of more than ~200 thumbnails is no longer one glance; it also bounds the submit body.
  if (gridSize(c) > 200) throw new RangeError(`a grid of ${gridSize(c)} images is too large (at most 200)`);
  return c;
}
