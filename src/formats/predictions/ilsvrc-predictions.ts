import { UserError } from '../../errors.js';
import type { IdIndex } from './id-index.js';
import type { LabelDecoder } from './label-decoder.js';
import { byteBlockReader, checkUtf8, TokenReader } from './byte-line-reader.js';
import { orderedPredictionTable } from './ordered-tables.js';
import type { ChunkParser, PredictionTable } from './tables.js';

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
  /** The file's size in bytes, when known: a parser may size its buffers from it once instead of growing them. */
  readonly sizeHint?: number;
}

/**
 * Streaming parser for an ILSVRC Task-1 submission: line i holds the guesses for the i-th image in sorted file-name
 * order, best first, separated by spaces or tabs (devkit IDs 1..1000 with the default label space). A line with no
 * guess is an error, except blank lines at the very end of the file, which are ignored.
 *
 * @example parseAll(ilsvrcPredictionsParser({ file: 'p.txt', decoder, k: 5 }), '1 2 3\n7\n').n // → 2
 */
export function ilsvrcPredictionsParser({ file, decoder, k }: PredictionParserOptions): ChunkParser<PredictionTable> {
  const byInt = decoder.byInt;
  const tokens = new TokenReader(file, decoder);
  // Rows go straight into one flat n × k array (eval_flat.m semantics as in PredictionRows.row, written out here):
  // this loop is the hot path of `heldout score`, and it runs mostly before V8 optimises it, so every call saved counts.
  let guesses: Int32Array = new Int32Array(k * 4096);
  let n = 0;
  let ignored = 0;
  let repeated = 0;
  let fewer = 0;
  let line = 0;
  let firstBlank = 0;
  const blankBefore = (): never => {
    throw new UserError(`${file}:${firstBlank}: line has no guesses (every image needs at least one)`);
  };
  const lines = (b: Uint8Array, start: number, end: number): void => {
    let i = start;
    let out = guesses;
    let o = n * k;
    while (i < end) {
      line++;
      if (o + k > out.length) out = guesses = grow(out, o);
      let count = 0;
      let c = b[i]!;
      for (;;) {
        while (c === 32 || c === 9 || c === 13) c = b[++i]!;
        if (c === 10) break;
        const s = i;
        let v = 0;
        let d = c - 48;
        while (d >= 0 && d <= 9) {
          v = v * 10 + d;
          d = b[++i]! - 48;
        }
        c = d + 48;
        let cls = -1;
        if (c === 32 || c === 9 || c === 13 || c === 10) {
          if (v < byInt.length) cls = byInt[v]!;
        } else {
          while (c !== 32 && c !== 9 && c !== 13 && c !== 10) c = b[++i]!;
        }
        if (cls < 0) cls = tokens.classOf(b, start, end, s, i, line);
        if (count < k) {
          for (let p = o; p < o + count; p++) {
            if (out[p] === cls) {
              repeated++;
              break;
            }
          }
          out[o + count] = cls;
        }
        count++;
      }
      i++; // past the newline
      if (count === 0) {
        if (firstBlank === 0) firstBlank = line;
        continue;
      }
      if (firstBlank !== 0) blankBefore();
      if (count > k) ignored += count - k;
      else if (count < k) {
        fewer++;
        for (let j = o + count; j < o + k; j++) out[j] = -1;
      }
      o += k;
      n++;
    }
  };
  const reader = byteBlockReader(file, (b, start, end) => {
    const before = line;
    tokens.reset();
    try {
      lines(b, start, end);
    } catch (err) {
      // A block that is not UTF-8 fails as such, whatever else is wrong in it (as with the text formats).
      checkUtf8(file, b, start, end, before);
      throw err;
    }
  }, () => line);
  return {
    push: (chunk) => reader.push(chunk),
    end(): PredictionTable {
      reader.end();
      if (n === 0) throw new UserError(`${file}: empty file (no predictions)`);
      return orderedPredictionTable(file, 'ilsvrc', k, guesses.slice(0, n * k), { ignored, repeated, fewer });
    },
  };
}

/** A twice as large copy of `a[0, used)`. */
function grow(a: Int32Array, used: number): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a.subarray(0, used));
  return b;
}
