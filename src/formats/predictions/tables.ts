import type { IdIndex } from './id-index.js';

/** The file formats predictions and labels can come in. `ilsvrc` and `npy` are ordered by row; `csv` and `jsonl` are keyed by image_id. */
export const TABLE_FORMATS = ['ilsvrc', 'csv', 'jsonl', 'npy'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

/** Where the rows of a table came from, for error messages and reports. */
export interface TableSource {
  readonly file: string;
  readonly format: TableFormat;
  readonly n: number;
  /** `id`: rows carry an image_id and are joined by it; `position`: row i is image i. */
  readonly join: 'id' | 'position';
  /** Image ids in row order (keyed tables, unless their rows were matched to labels while parsing). */
  readonly ids?: readonly string[];
  /** 1-based line of each row (keyed text formats only), so a join can point at `file:line`. */
  readonly lines?: Int32Array;
}

/**
 * Ranked guesses for n images, in class-index space (position of the wnid in the sorted wnid list).
 * Row i occupies `guesses[i*k .. i*k+k)`, best first; -1 marks an empty slot (fewer than k guesses).
 */
export interface PredictionTable extends TableSource {
  readonly kind: 'predictions';
  readonly k: number;
  readonly guesses: Int32Array;
  /** Guesses after the k-th on a row, ignored as by the devkit's eval_flat.m. */
  readonly ignoredGuesses: number;
  /** Guesses within the first k that repeat an earlier one on the same row (they count once). */
  readonly repeatedGuesses: number;
  /** Rows with fewer than k guesses. */
  readonly rowsWithFewerGuesses: number;
  /** Keyed rows already matched to the rows of a labels table (see PredictionParserOptions.labelIds). */
  readonly matched?: MatchedRows;
}

/** Prediction rows matched to label rows while parsing. */
export interface MatchedRows {
  /** The labels' ids the rows were matched against. */
  readonly index: IdIndex;
  /** For each prediction row, the label row with the same image_id, or -1 when the labels do not have it. */
  readonly labelRows: Int32Array;
  /** The first image_id the labels do not have, with its line. */
  readonly firstUnknown?: { readonly id: string; readonly line: number };
}

/** One true class per image, in class-index space. Keyed tables have unique ids (checked while parsing). */
export interface LabelTable extends TableSource {
  readonly kind: 'labels';
  readonly labels: Int32Array;
  /** Keyed tables: id → row lookup over `ids`, to match predictions while they are parsed. */
  readonly idIndex?: IdIndex;
}

/**
 * A streaming parser: feed it the file's bytes in chunks of any size, then call `end()` for the result.
 * Memory is bounded by the result and one partial line or row, never the whole file.
 */
export interface ChunkParser<T> {
  push(chunk: Uint8Array): void;
  end(): T;
}

/** Runs a parser over a whole in-memory input (tests, small files). */
export function parseAll<T>(parser: ChunkParser<T>, input: Uint8Array | string): T {
  parser.push(typeof input === 'string' ? new TextEncoder().encode(input) : input);
  return parser.end();
}
