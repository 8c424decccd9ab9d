import type { IdIndex } from './id-index.js';
import { Int32Builder } from './int32-builder.js';
import type { PredictionTable, TableFormat } from './tables.js';

/**
 * Collects ranked guesses row by row with the devkit's eval_flat.m semantics: the first k guesses of a row fill its
 * k slots (a repeated guess still takes a slot but can only be right once), later guesses are ignored and counted,
 * and a row may have fewer than k guesses (the empty slots are -1 and never match).
 *
 * Keyed rows are either kept with their ids, or, given the labels' ids as an {@link IdIndex}, matched to label rows
 * on the spot: then no id strings are made at all (rows in the labels' order cost a character comparison, others a
 * hash lookup), and the join later only scatters rows.
 */
export class PredictionRows {
  private readonly guesses: Int32Builder;
  private readonly ids: string[] = [];
  private readonly labelRows = new Int32Builder();
  private firstUnknown: { id: string; line: number } | undefined;
  private readonly lines = new Int32Builder();
  private rowStart = 0;
  private slot = 0;
  private total = 0;
  n = 0;
  ignored = 0;
  repeated = 0;
  fewer = 0;

  constructor(readonly k: number, private readonly index?: IdIndex) {
    this.guesses = new Int32Builder(k * 1024);
  }

  /** Starts an ordered row. */
  begin(): void {
    this.rowStart = this.guesses.length;
    this.slot = 0;
    this.total = 0;
  }

  /** Starts a keyed row whose id is `id`. */
  beginKeyed(id: string, line: number): void {
    if (this.index === undefined) this.ids.push(id);
    else this.match(this.index.isAt(this.n, id, 0, id.length) ? this.n : this.index.get(id), id, line);
    this.lines.push(line);
    this.begin();
  }

  /** Starts a keyed row whose id is `text[start, end)`, without making a string when the labels have it. */
  beginKeyedRange(text: string, start: number, end: number, line: number): void {
    const index = this.index;
    if (index === undefined) {
      this.beginKeyed(text.slice(start, end), line);
      return;
    }
    const row = index.isAt(this.n, text, start, end) ? this.n : index.getRange(text, start, end);
    this.match(row, row < 0 ? text.slice(start, end) : '', line);
    this.lines.push(line);
    this.begin();
  }

  /** Adds a whole row of guesses `g[0..n)` (class indices ≥ 0): {@link guess} n times and {@link finish}, in one call. */
  row(g: Int32Array, n: number): void {
    const k = this.k;
    const out = this.guesses;
    const start = out.length;
    const keep = n < k ? n : k;
    for (let j = 0; j < keep; j++) {
      const cls = g[j]!;
      for (let p = 0; p < j; p++) {
        if (g[p] === cls) {
          this.repeated++;
          break;
        }
      }
      out.push(cls);
    }
    if (n > k) this.ignored += n - k;
    if (keep < k) {
      this.fewer++;
      for (let j = keep; j < k; j++) out.push(-1);
    }
    this.rowStart = start;
    this.n++;
  }

  /** Adds the row's next guess (a class index ≥ 0). */
  guess(cls: number): void {
    this.total++;
    if (this.slot >= this.k) {
      this.ignored++;
      return;
    }
    for (let j = this.rowStart; j < this.rowStart + this.slot; j++) {
      if (this.guesses.at(j) === cls) {
        this.repeated++;
        break;
      }
    }
    this.guesses.push(cls);
    this.slot++;
  }

  /** Guesses added to the current row so far, ignored ones included. */
  get count(): number {
    return this.total;
  }

  /** Ends the row, padding empty slots with -1. */
  finish(): void {
    if (this.slot < this.k) this.fewer++;
    for (; this.slot < this.k; this.slot++) this.guesses.push(-1);
    this.n++;
  }

  /** The finished table. */
  table(file: string, format: TableFormat, keyed: boolean): PredictionTable {
    const counts = { ignored: this.ignored, repeated: this.repeated, fewer: this.fewer };
    const ordered = orderedPredictionTable(file, format, this.k, this.guesses.toArray(), counts);
    if (!keyed) return ordered;
    if (this.index !== undefined) {
      const matched = { index: this.index, labelRows: this.labelRows.toArray(), ...(this.firstUnknown ? { firstUnknown: this.firstUnknown } : {}) };
      return { ...ordered, join: 'id', lines: this.lines.toArray(), matched };
    }
    return { ...ordered, join: 'id', ids: this.ids, lines: this.lines.toArray() };
  }

  private match(row: number, id: string, line: number): void {
    this.labelRows.push(row);
    if (row < 0 && this.firstUnknown === undefined) this.firstUnknown = { id, line };
  }
}

/** Counts of guesses the eval_flat.m semantics ignored or merged (see {@link PredictionRows}). */
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
