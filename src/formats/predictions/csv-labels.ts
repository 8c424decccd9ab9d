import { UserError } from '../../errors.js';
import { parseCsvHeader, type CsvHeader } from './csv-header.js';
import { csvReader } from './csv-reader.js';
import type { LabelParserOptions } from './ilsvrc-labels.js';
import { LabelRows } from './label-rows.js';
import type { ChunkParser, LabelTable } from './tables.js';

/**
 * Streaming parser for `image_id,label` CSV (header required; other columns ignored). A repeated image_id, an empty
 * id or label, or a label outside the class set is an error naming `file:line`. Blank lines are skipped.
 *
 * @example parseAll(csvLabelsParser({ file: 'l.csv', decoder }), 'image_id,label\na.jpg,3\n').ids // → ['a.jpg']
 */
export function csvLabelsParser({ file, decoder }: LabelParserOptions): ChunkParser<LabelTable> {
  const rows = new LabelRows(file);
  let header: CsvHeader | undefined;
  let plain = false; // header is exactly image_id,label (fast path)
  const fast = (text: string, s: number, e: number, line: number): boolean => {
    if (!plain) return false;
    const comma = text.indexOf(',', s);
    if (comma <= s || comma >= e - 1) return false;
    const c0 = text.charCodeAt(s);
    const c1 = text.charCodeAt(comma - 1);
    const c2 = text.charCodeAt(comma + 1);
    const c3 = text.charCodeAt(e - 1);
    if (c0 === 34 || c0 === 32 || c0 === 9 || c1 === 32 || c1 === 9 || c2 === 34 || c2 === 32 || c2 === 9 || c3 === 32 || c3 === 9) return false;
    const next = text.indexOf(',', comma + 1);
    if (next >= 0 && next < e) return false;
    const cls = decoder.token(text, comma + 1, e);
    if (cls < 0) return false;
    rows.addKeyedRange(text, s, comma, cls, line);
    return true;
  };
  const reader = csvReader(file, (text, f, line) => {
    const count = f.count;
    if (header === undefined) {
      header = parseCsvHeader(Array.from({ length: count }, (_, i) => f.value(text, i)), file, 'labels');
      plain = header.width === 2 && header.idCol === 0 && header.labelCol === 1;
      return;
    }
    if (count > header.width) throw new UserError(`${file}:${line}: ${count} fields but the header has ${header.width}`);
    const id = header.idCol < count ? f.value(text, header.idCol) : '';
    if (id === '') throw new UserError(`${file}:${line}: empty image_id`);
    const col = header.labelCol;
    const cls = col < count ? decoder.token(text, f.starts[col]!, f.ends[col]!) : -1;
    if (cls < 0) throw new UserError(`${file}:${line}: ${decoder.explain(col < count ? f.value(text, col) : '')}`);
    rows.addKeyed(id, cls, line);
  }, fast);
  return {
    push: (chunk) => reader.push(chunk),
    end(): LabelTable {
      reader.end();
      if (header === undefined) throw new UserError(`${file}: empty file (expected a header image_id,label)`);
      if (rows.n === 0) throw new UserError(`${file}: no rows after the header`);
      return rows.table('csv', true);
    },
  };
}
