import type { LabelTable, PredictionTable, TableFormat } from './tables.js';

// Tables joined by position, apart from the row builders of the keyed formats (label-rows.ts, prediction-rows.ts):
// the ILSVRC text parsers, the hot path of `heldout score`, then load nothing of the id matching.

/** Counts of guesses the eval_flat.m semantics ignored or merged (see PredictionRows). */
export interface GuessCounts {
  readonly ignored: number;
  readonly repeated: number;
  readonly fewer: number;
}

/** A table joined by position: `guesses` holds n × k class indices, row i for image i. */
export function orderedPredictionTable(file: string, format: TableFormat, k: number, guesses: Int32Array, counts: GuessCounts): PredictionTable {
  return {
    kind: 'predictions',
    file,
    format,
    n: guesses.length / k,
    k,
    guesses,
    ignoredGuesses: counts.ignored,
    repeatedGuesses: counts.repeated,
    rowsWithFewerGuesses: counts.fewer,
    join: 'position',
  };
}

/** A labels table joined by position: `labels[i]` is the class index of image i. */
export function orderedLabelTable(file: string, format: TableFormat, labels: Int32Array): LabelTable {
  return { kind: 'labels', file, format, n: labels.length, join: 'position', labels };
}
