import { UserError } from '../../errors.js';
import { parseCsvHeader, type CsvHeader } from './csv-header.js';
import { BLOCK_ROOM, csvReader, growthEstimate } from './csv-reader.js';
import type { LabelParserOptions } from './ilsvrc-labels.js';
import { LabelRows } from './label-rows.js';
import type { ChunkParser, LabelTable } from './tables.js';

/**
 * Streaming parser for `image_id,label` CSV (header required; other columns ignored). A repeated image_id, an empty
 * id or label, or a label outside the class set is an error naming `file:line`. Blank lines are skipped.
 *
 * @example parseAll(csvLabelsParser({ file: 'l.csv', decoder }), 'image_id,label\na.jpg,3\n').ids // → ['a.jpg']
 */
export function csvLabelsParser({ file, decoder, sizeHint }: LabelParserOptions): ChunkParser<LabelTable> {
  const rows = new LabelRows(file);
  let header: CsvHeader | undefined;
  let plain = false; // header is exactly image_id,label (fast path)
  let sized = false;
  // The fast path for `id,3` lines, on the file's bytes: the label is read in place and the id copied as bytes. The
  // LF that ends every block stops the scans (no bounds checks).
  const fast = (b: Uint8Array, s: number, line: number): number => {
    if (!plain) return -1;
    const c0 = b[s];
    if (c0 === 34 || c0 === 32 || c0 === 9) return -1;
    const comma = rows.scanId(b, s);
    if (comma <= s) return -1;
    const c1 = b[comma - 1];
    if (c1 === 32 || c1 === 9) return -1;
    let nl = comma + 1;
    while (b[nl] !== 10) nl++;
    const e = b[nl - 1] === 13 ? nl - 1 : nl;
    // A label is ASCII without quotes, spaces or commas, so one that decodes is the whole field.
    const cls = decoder.tokenBytes(b, comma + 1, e);
    if (cls < 0) return -1;
    rows.addScanned(cls, line);
    return nl;
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
  }, fast, sizeHint === undefined ? undefined : (bytesSoFar) => {
    // After the first block: size the buffers for the whole file at this block's density (see growthEstimate).
    if (sized || bytesSoFar >= sizeHint || rows.n === 0) return;
    sized = true;
    const scale = growthEstimate(sizeHint, bytesSoFar);
    rows.reserve(Math.ceil(rows.n * scale), Math.ceil(rows.idBytes * scale) + BLOCK_ROOM);
  });
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
