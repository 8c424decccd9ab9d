import { UserError } from '../../errors.js';
import type { IdIndex } from './id-index.js';
import type { LabelDecoder } from './label-decoder.js';
import { PredictionRows } from './prediction-rows.js';
import type { ChunkParser, PredictionTable } from './tables.js';
import { textBlockReader } from './text-line-reader.js';

/** Options shared by the prediction parsers. */
export interface PredictionParserOptions {
  /** File name for error messages. */
  readonly file: string;
  readonly decoder: LabelDecoder;
  /** Guess slots per row (top-k); guesses beyond k are ignored and counted. */
  readonly k: number;
  /**
   * Keyed formats: the labels' image ids, if already read. Rows are then matched to label rows while parsing
   * (`matched` in the table, instead of `ids`), which spares a string per row; the join is the same either way.
   */
  readonly labelIds?: IdIndex;
}

/**
 * Streaming parser for an ILSVRC Task-1 submission: line i holds the guesses for the i-th image in sorted file-name
 * order, best first, separated by spaces or tabs (devkit IDs 1..1000 with the default label space). A line with no
 * guess is an error, except blank lines at the very end of the file, which are ignored.
 *
 * @example parseAll(ilsvrcPredictionsParser({ file: 'p.txt', decoder, k: 5 }), '1 2 3\n7\n').n // → 2
 */
export function ilsvrcPredictionsParser({ file, decoder, k }: PredictionParserOptions): ChunkParser<PredictionTable> {
  const rows = new PredictionRows(k);
  const numeric = decoder.space !== 'wnid';
  const byInt = decoder.byInt;
  let line = 0;
  // One loop over a whole block of lines, reading digits as they come: this is the hot path of `heldout score`.
  let tmp: Int32Array = new Int32Array(64);
  let firstBlank = 0;
  // Rare cases leave the hot loop through these, which keeps it small: V8 optimises a small loop sooner.
  const slowToken = (text: string, s: number, e: number): number => {
    const cls = decoder.token(text, s, e);
    if (cls < 0) throw new UserError(`${file}:${line}: ${decoder.explain(text.slice(s, e))}`);
    return cls;
  };
  const blankBefore = (): never => {
    throw new UserError(`${file}:${firstBlank}: line has no guesses (every image needs at least one)`);
  };
  const block = (text: string, start: number, end: number): void => {
    let i = start;
    while (i < end) {
      line++;
      let n = 0;
      for (;;) {
        let c = i < end ? text.charCodeAt(i) : 10;
        while (c === 32 || c === 9 || c === 13) c = ++i < end ? text.charCodeAt(i) : 10;
        if (c === 10) break;
        const s = i;
        let v = 0;
        let digitsOnly = numeric;
        while (c !== 32 && c !== 9 && c !== 13 && c !== 10) {
          const d = c - 48;
          if (d >= 0 && d <= 9) v = v * 10 + d;
          else digitsOnly = false;
          c = ++i < end ? text.charCodeAt(i) : 10;
        }
        let cls = digitsOnly && v < byInt.length ? byInt[v]! : -1;
        if (cls < 0) cls = slowToken(text, s, i);
        if (n === tmp.length) tmp = grow(tmp);
        tmp[n++] = cls;
      }
      i++; // past the newline
      if (n === 0) {
        if (firstBlank === 0) firstBlank = line;
      } else {
        if (firstBlank !== 0) blankBefore();
        rows.row(tmp, n);
      }
    }
  };
  const reader = textBlockReader(file, block, () => line);
  return {
    push: (chunk) => reader.push(chunk),
    end(): PredictionTable {
      reader.end();
      if (rows.n === 0) throw new UserError(`${file}: empty file (no predictions)`);
      return rows.table(file, 'ilsvrc', false);
    },
  };
}

/**
 * Blank lines in an ordered file would shift every later row onto the wrong image, so one is an error as soon as
 * content follows it; blank lines at the end of the file are harmless and ignored.
 */
export class BlankLines {
  private first = 0;

  constructor(private readonly file: string, private readonly what: string) {}

  blank(line: number): void {
    if (this.first === 0) this.first = line;
  }

  content(): void {
    if (this.first !== 0) throw new UserError(`${this.file}:${this.first}: ${this.what}`);
  }
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
