import { UserError } from '../../errors.js';
import { byteBlockReader, checkUtf8, TokenReader } from './byte-line-reader.js';
import type { LabelDecoder } from './label-decoder.js';
import { orderedLabelTable } from './ordered-tables.js';
import type { ChunkParser, LabelTable } from './tables.js';

/** Options shared by the label parsers. */
export interface LabelParserOptions {
  readonly file: string;
  readonly decoder: LabelDecoder;
  /** The file's size in bytes, when known: a parser may size its buffers from it once instead of growing them. */
  readonly sizeHint?: number;
}

/**
 * Streaming parser for an ILSVRC ground-truth file (`ILSVRC2012_validation_ground_truth.txt`): one class ID per line,
 * line i for the i-th image in sorted file-name order. Tolerates BOM, CRLF, surrounding spaces and trailing blank lines.
 *
 * @example parseAll(ilsvrcLabelsParser({ file: 'gt.txt', decoder }), '490\n361\n').n // → 2
 */
export function ilsvrcLabelsParser({ file, decoder }: LabelParserOptions): ChunkParser<LabelTable> {
  const byInt = decoder.byInt;
  const tokens = new TokenReader(file, decoder);
  let labels: Int32Array = new Int32Array(4096);
  let n = 0;
  let line = 0;
  let firstBlank = 0;
  // The same byte loop as the predictions parser, allowing one token per line.
  const lines = (b: Uint8Array, start: number, end: number): void => {
    let i = start;
    let out = labels;
    while (i < end) {
      line++;
      let c = b[i]!;
      while (c === 32 || c === 9 || c === 13) c = b[++i]!;
      if (c === 10) {
        i++;
        if (firstBlank === 0) firstBlank = line;
        continue;
      }
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
      while (c === 32 || c === 9 || c === 13) c = b[++i]!;
      if (c !== 10) throw new UserError(`${file}:${line}: more than one label on the line (a labels file has one class ID per line)`);
      i++; // past the newline
      if (firstBlank !== 0) throw new UserError(`${file}:${firstBlank}: empty line (one class ID per line)`);
      if (n === out.length) out = labels = grow(out);
      out[n++] = cls;
    }
  };
  const reader = byteBlockReader(file, (b, start, end) => {
    const before = line;
    tokens.reset();
    try {
      lines(b, start, end);
    } catch (err) {
      checkUtf8(file, b, start, end, before);
      throw err;
    }
  }, () => line);
  return {
    push: (chunk) => reader.push(chunk),
    end(): LabelTable {
      reader.end();
      if (n === 0) throw new UserError(`${file}: empty file (no labels)`);
      return orderedLabelTable(file, 'ilsvrc', labels.slice(0, n));
    },
  };
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
