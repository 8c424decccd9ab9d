import { UserError } from '../../errors.js';
import { BlankLines } from './ilsvrc-predictions.js';
import type { LabelDecoder } from './label-decoder.js';
import { LabelRows } from './label-rows.js';
import type { ChunkParser, LabelTable } from './tables.js';
import { textBlockReader } from './text-line-reader.js';

/** Options shared by the label parsers. */
export interface LabelParserOptions {
  readonly file: string;
  readonly decoder: LabelDecoder;
}

/**
 * Streaming parser for an ILSVRC ground-truth file (`ILSVRC2012_validation_ground_truth.txt`): one class ID per line,
 * line i for the i-th image in sorted file-name order. Tolerates BOM, CRLF, surrounding spaces and trailing blank lines.
 *
 * @example parseAll(ilsvrcLabelsParser({ file: 'gt.txt', decoder }), '490\n361\n').n // → 2
 */
export function ilsvrcLabelsParser({ file, decoder }: LabelParserOptions): ChunkParser<LabelTable> {
  const rows = new LabelRows(file);
  const blanks = new BlankLines(file, 'empty line (one class ID per line)');
  let line = 0;
  const numeric = decoder.space !== 'wnid';
  const byInt = decoder.byInt;
  // The same single loop as the predictions parser, allowing one token per line.
  const block = (text: string, start: number, end: number): void => {
    let i = start;
    while (i < end) {
      line++;
      let tokens = 0;
      let cls = -1;
      for (;;) {
        let c = i < end ? text.charCodeAt(i) : 10;
        while (c === 32 || c === 9 || c === 13) c = ++i < end ? text.charCodeAt(i) : 10;
        if (c === 10) break;
        if (++tokens > 1) throw new UserError(`${file}:${line}: more than one label on the line (a labels file has one class ID per line)`);
        const s = i;
        let v = 0;
        let digitsOnly = numeric;
        while (c !== 32 && c !== 9 && c !== 13 && c !== 10) {
          const d = c - 48;
          if (d >= 0 && d <= 9) v = v * 10 + d;
          else digitsOnly = false;
          c = ++i < end ? text.charCodeAt(i) : 10;
        }
        cls = digitsOnly ? (v < byInt.length ? byInt[v]! : -1) : decoder.token(text, s, i);
        if (cls < 0) throw new UserError(`${file}:${line}: ${decoder.explain(text.slice(s, i))}`);
      }
      i++; // past the newline
      if (tokens === 0) {
        blanks.blank(line);
        continue;
      }
      blanks.content();
      rows.add(cls);
    }
  };
  const reader = textBlockReader(file, block, () => line);
  return {
    push: (chunk) => reader.push(chunk),
    end(): LabelTable {
      reader.end();
      if (rows.n === 0) throw new UserError(`${file}: empty file (no labels)`);
      return rows.table('ilsvrc', false);
    },
  };
}
