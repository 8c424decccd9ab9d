import { topKOfRow } from '../../formats/predictions/top-k-of-row.js';

/** Where a row of scores is not finite: image row and output column. */
export interface BadScore {
  readonly row: number;
  readonly column: number;
  readonly value: number;
}

/**
 * Ranks each image's scores: writes the k best outputs (ties → lower output first, as numpy's stable argsort of
 * −scores), mapped through `outputClass` (output j → class index of the dataset), into `topk` at row offsets.
 * Returns the first non-finite score instead of ranking past it — a NaN output is the model's error, not a guess.
 */
export function rankOutputs(scores: Float32Array, rows: number, classes: number, k: number, outputClass: Int32Array, topk: Int32Array, rowOffset = 0): BadScore | undefined {
  const slots = new Int32Array(k);
  const scratch = new Float64Array(k);
  for (let r = 0; r < rows; r++) {
    slots.fill(-1);
    const bad = topKOfRow(scores, r * classes, classes, k, slots, 0, scratch);
    if (bad >= 0) return { row: r, column: bad, value: scores[r * classes + bad]! };
    for (let j = 0; j < k; j++) topk[(rowOffset + r) * k + j] = slots[j]! < 0 ? -1 : outputClass[slots[j]!]!;
  }
  return undefined;
}
