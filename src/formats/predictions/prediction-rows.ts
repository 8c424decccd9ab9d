import { decodeWtf8 } from './id-bytes.js';
import type { IdIndex } from './id-index.js';
import { IdMatcher } from './id-matcher.js';
import { Int32Builder } from './int32-builder.js';
import { orderedPredictionTable } from './ordered-tables.js';
import type { PredictionTable, TableFormat } from './tables.js';

/**
 * Collects ranked guesses row by row with the devkit's eval_flat.m semantics: the first k guesses of a row fill its
 * k slots (a repeated guess still takes a slot but can only be right once), later guesses are ignored and counted,
 * and a row may have fewer than k guesses (the empty slots are -1 and never match).
 *
 * Keyed rows are either kept with their ids, or, given the labels' ids as an {@link IdIndex}, matched to label rows
 * on the spot by an {@link IdMatcher}: then no id strings are made at all, and the join later only scatters rows.
 * Parsers that read ids as bytes call {@link PredictionRows.flush} before the bytes go away.
 */
export class PredictionRows {
  private readonly guesses: Int32Builder;
  private readonly ids: string[] = [];
  private readonly lines = new Int32Builder();
  private readonly matcher: IdMatcher | undefined;
  private rowStart = 0;
  private slot = 0;
  private total = 0;
  n = 0;
  ignored = 0;
  repeated = 0;
  fewer = 0;

  constructor(readonly k: number, index?: IdIndex) {
    this.guesses = new Int32Builder(k * 1024);
    this.matcher = index && new IdMatcher(index);
  }

  /** Sizes the buffers for `rows` rows (an estimate, e.g. from the first block of a file and its size). */
  reserve(rows: number): void {
    this.guesses.reserve(rows * this.k);
    this.lines.reserve(rows);
    this.matcher?.labelRows.reserve(rows);
  }

  /** Starts an ordered row. */
  begin(): void {
    this.rowStart = this.guesses.length;
    this.slot = 0;
    this.total = 0;
  }

  /** Starts a keyed row whose id is `id`. */
  beginKeyed(id: string, line: number): void {
    this.beginKeyedRange(id, 0, id.length, line);
  }

  /** Starts a keyed row whose id is `text[start, end)`, without making a string when the labels have it. */
  beginKeyedRange(text: string, start: number, end: number, line: number): void {
    if (this.matcher === undefined) this.ids.push(start === 0 && end === text.length ? text : text.slice(start, end));
    else this.matcher.takeString(text, start, end, line);
    this.lines.push(line);
    this.begin();
  }

  /**
   * Reads the id of a plain CSV line that starts at `b[s]`, up to its first comma, for {@link beginScanned}: returns
   * the comma's index, or -1 when there is none or the id is not ASCII and not the one the labels' order predicts
   * (the parser then reads the line as text, which checks its UTF-8). Changes nothing. `b` must end with a newline.
   */
  scanId(b: Uint8Array, s: number): number {
    if (this.matcher !== undefined) return this.matcher.scan(b, s);
    let high = 0;
    let i = s;
    for (let c = b[i]!; c !== 44; c = b[++i]!) {
      if (c === 10) return -1;
      high |= c;
    }
    return high < 0x80 ? i : -1;
  }

  /** Starts a keyed row whose id is `b[s, comma)`, just read by {@link scanId}. */
  beginScanned(b: Uint8Array, s: number, comma: number, line: number): void {
    if (this.matcher === undefined) this.ids.push(decodeWtf8(b, s, comma));
    else this.matcher.take(b, s, comma, line);
    this.lines.push(line);
    this.begin();
  }

  /** Matches the ids read as bytes that still wait; call before their bytes are reused. */
  flush(): void {
    this.matcher?.flush();
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
    const ordered = orderedPredictionTable(file, format, this.k, this.guesses.view(), counts);
    if (!keyed) return ordered;
    const m = this.matcher;
    if (m !== undefined) {
      m.flush();
      const matched = { index: m.index, labelRows: m.labelRows.view(), ...(m.firstUnknown ? { firstUnknown: m.firstUnknown } : {}) };
      return { ...ordered, join: 'id', lines: this.lines.view(), matched };
    }
    return { ...ordered, join: 'id', ids: this.ids, lines: this.lines.view() };
  }
}
