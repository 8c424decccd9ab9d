import type { LabelSpace } from '../classes/class-set.js';
import type { ClassSet } from '../classes/class-set.js';
import type { LabelTable, PredictionTable } from '../formats/predictions/tables.js';
import type { FormatChoice } from './read-table.js';

/** How to read a labels file and the prediction files scored against it. */
export interface ReadOptions {
  readonly classes: ClassSet;
  /** Format of the prediction files. */
  readonly format: FormatChoice;
  readonly labelsFormat: FormatChoice;
  /** Label space of the predictions. */
  readonly labelSpace: LabelSpace;
  readonly labelsSpace: LabelSpace;
  readonly k: number;
}

/** A file as read, for reports: the table minus its rows. */
export interface FileSummary {
  readonly file: string;
  readonly format: string;
  readonly labelSpace: LabelSpace;
  readonly n: number;
}

/** A predictions file as read, with the counts of guesses the devkit semantics ignored or merged. */
export interface PredictionSummary extends FileSummary {
  readonly ignoredGuesses: number;
  readonly repeatedGuesses: number;
  readonly rowsWithFewerGuesses: number;
}

export function labelSummary(t: LabelTable, read: ReadOptions): FileSummary {
  return { file: t.file, format: t.format, labelSpace: read.labelsSpace, n: t.n };
}

export function predictionSummary(t: PredictionTable, read: ReadOptions): PredictionSummary {
  return {
    file: t.file,
    format: t.format,
    labelSpace: read.labelSpace,
    n: t.n,
    ignoredGuesses: t.ignoredGuesses,
    repeatedGuesses: t.repeatedGuesses,
    rowsWithFewerGuesses: t.rowsWithFewerGuesses,
  };
}
