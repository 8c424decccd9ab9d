import { UserError } from '../../errors.js';
import { parseCsvHeader, type CsvHeader } from './csv-header.js';
import { csvReader, growthEstimate } from './csv-reader.js';
import type { PredictionParserOptions } from './ilsvrc-predictions.js';
import { PredictionRows } from './prediction-rows.js';
import type { ChunkParser, PredictionTable } from './tables.js';

/**
 * Streaming parser for `image_id,pred1,...,predK` CSV (header required). Trailing prediction fields may be empty or
 * missing (fewer guesses); an empty field before a filled one, or a row with no guess at all, is an error.
 * Blank lines are skipped. Duplicate or unknown image ids are found when the table is joined with the labels.
 *
 * @example parseAll(csvPredictionsParser({ file: 'p.csv', decoder, k: 5 }), 'image_id,pred1\na.jpg,3\n').ids // → ['a.jpg']
 */
export function csvPredictionsParser({ file, decoder, k, labelIds, sizeHint }: PredictionParserOptions): ChunkParser<PredictionTable> {
  const rows = new PredictionRows(k, labelIds);
  let header: CsvHeader | undefined;
  let sized = false;
  let plainWidth = 0; // number of pred columns when the header is exactly image_id,pred1..predK (fast path), else 0
  const numeric = decoder.space !== 'wnid';
  const byInt = decoder.byInt;
  const tmp = new Int32Array(1024);
  // The fast path for `id,3,17,…` lines, on the file's bytes: one pass reads the id (compared in place, or hashed)
  // and the integers, up to the LF, which ends every block (so no bounds checks).
  const fast = (b: Uint8Array, s: number, line: number): number => {
    if (plainWidth === 0) return -1;
    const c0 = b[s];
    if (c0 === 34 || c0 === 32 || c0 === 9 || c0 === 44) return -1;
    const comma = rows.scanId(b, s);
    if (comma < 0) return -1;
    const c1 = b[comma - 1];
    if (c1 === 32 || c1 === 9) return -1;
    let n = 0;
    let i = comma + 1;
    for (;;) {
      let v = 0;
      const from = i;
      let c = b[i]!;
      while (c >= 48 && c <= 57) {
        v = v * 10 + c - 48;
        c = b[++i]!;
      }
      if (i === from || n === plainWidth) return -1;
      const cls = v < byInt.length ? byInt[v]! : -1;
      if (cls < 0) return -1;
      tmp[n++] = cls;
      if (c === 44) {
        i++;
        continue;
      }
      if (c === 13 && b[i + 1] === 10) i++;
      else if (c !== 10) return -1;
      break;
    }
    rows.beginScanned(b, s, comma, line);
    rows.row(tmp, n);
    return i;
  };
  const reader = csvReader(file, (text, f, line) => {
    const count = f.count;
    if (header === undefined) {
      header = parseCsvHeader(Array.from({ length: count }, (_, i) => f.value(text, i)), file, 'predictions');
      const plain = numeric && header.idCol === 0 && header.width === header.predCols.length + 1 && header.predCols.every((c, j) => c === j + 1);
      plainWidth = plain && header.predCols.length <= tmp.length ? header.predCols.length : 0;
      return;
    }
    if (count > header.width) throw new UserError(`${file}:${line}: ${count} fields but the header has ${header.width}`);
    const idCol = header.idCol;
    if (idCol >= count || f.starts[idCol] === f.ends[idCol]) throw new UserError(`${file}:${line}: empty image_id`);
    if (f.escaped[idCol] === 1) rows.beginKeyed(f.value(text, idCol), line);
    else rows.beginKeyedRange(text, f.starts[idCol]!, f.ends[idCol]!, line);
    let gap = 0;
    const preds = header.predCols;
    for (let j = 0; j < preds.length; j++) {
      const col = preds[j]!;
      const s = col < count ? f.starts[col]! : 0;
      const e = col < count ? f.ends[col]! : 0;
      if (s === e) {
        if (gap === 0) gap = j + 1;
        continue;
      }
      if (gap !== 0) throw new UserError(`${file}:${line}: pred${gap} is empty but pred${j + 1} is not (guesses must be best first, without gaps)`);
      const cls = decoder.token(text, s, e);
      if (cls < 0) throw new UserError(`${file}:${line}: pred${j + 1}: ${decoder.explain(f.value(text, col))}`);
      rows.guess(cls);
    }
    if (rows.count === 0) throw new UserError(`${file}:${line}: no guesses for image_id ${JSON.stringify(f.value(text, idCol))}`);
    rows.finish();
  }, fast, (bytesSoFar) => {
    rows.flush();
    // After the first block: size the buffers for the whole file at this block's density (see growthEstimate).
    if (sizeHint === undefined || sized || bytesSoFar >= sizeHint || rows.n === 0) return;
    sized = true;
    rows.reserve(Math.ceil(rows.n * growthEstimate(sizeHint, bytesSoFar)));
  });
  return {
    push: (chunk) => reader.push(chunk),
    end(): PredictionTable {
      reader.end();
      if (header === undefined) throw new UserError(`${file}: empty file (expected a header image_id,pred1,...,predK)`);
      if (rows.n === 0) throw new UserError(`${file}: no rows after the header`);
      return rows.table(file, 'csv', true);
    },
  };
}
