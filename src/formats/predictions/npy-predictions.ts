import { UserError } from '../../errors.js';
import type { PredictionParserOptions } from './ilsvrc-predictions.js';
import type { NpyHeader } from './npy-header.js';
import { npyInts } from './npy-ints.js';
import { npyReader } from './npy-reader.js';
import { PredictionRows } from './prediction-rows.js';
import type { ChunkParser, PredictionTable } from './tables.js';
import { topKOfRow } from './top-k-of-row.js';

/**
 * Streaming parser for NumPy predictions, rows in image order:
 * - integer (N, K) or (N,): ranked class IDs, best first (guesses beyond k ignored and counted);
 * - float (N, C) with C = number of classes: logits or probabilities; the top k are taken per row, ties broken by
 *   the lower column. Column j is class index j (`index` space) or devkit ID j + 1 (`devkit` space).
 * NaN or ±Infinity anywhere is an error naming the element, e.g. `logits.npy[17, 3]`.
 */
export function npyPredictionsParser({ file, decoder, k }: PredictionParserOptions): ChunkParser<PredictionTable> {
  if (decoder.space === 'wnid') throw new UserError(`${file}: a .npy file holds numbers, not wnids; use --label-space index or devkit`);
  const rows = new PredictionRows(k);
  const top = new Int32Array(k);
  const scratch = new Float64Array(k);
  let header: NpyHeader | undefined;
  let width = 0;
  let columnClass = new Int32Array(0);

  const onHeader = (h: NpyHeader): number => {
    const shape = h.shape;
    const where = `${file}: shape [${shape.join(', ')}]`;
    if (shape.length === 0 || shape.length > 2) throw new UserError(`${where} is not (N, K) or (N,)`);
    if (shape[0] === 0) throw new UserError(`${where}: empty array`);
    width = shape[1] ?? 1;
    if (width === 0) throw new UserError(`${where}: rows have no elements`);
    if (isFloat(h)) {
      const size = decoder.classes.size;
      if (shape.length !== 2 || width !== size) throw new UserError(`${where}: float logits must be (N, ${size}), one column per class of ${decoder.classes.name}`);
      columnClass = Int32Array.from({ length: size }, (_, j) => decoder.int(decoder.space === 'devkit' ? j + 1 : j));
    }
    header = h;
    return width;
  };

  const reader = npyReader(file, onHeader, (data, first, count) => {
    const h = header!;
    if (isFloat(h)) {
      const items = count * width;
      const values = h.dtype === 'float32' ? new Float32Array(data.buffer, data.byteOffset, items) : new Float64Array(data.buffer, data.byteOffset, items);
      const keep = Math.min(k, width);
      for (let r = 0; r < count; r++) {
        const bad = topKOfRow(values, r * width, width, k, top, 0, scratch);
        if (bad >= 0) throw new UserError(`${file}[${first + r}, ${bad}]: ${values[r * width + bad]} (logits must be finite)`);
        rows.begin();
        for (let j = 0; j < keep; j++) rows.guess(columnClass[top[j]!]!);
        rows.finish();
      }
      return;
    }
    const values = npyInts(data, count * width, h.dtype);
    for (let r = 0; r < count; r++) {
      rows.begin();
      for (let j = 0; j < width; j++) {
        const v = values(r * width + j);
        const cls = decoder.int(v);
        if (cls < 0) throw new UserError(`${file}[${first + r}${h.shape.length > 1 ? `, ${j}` : ''}]: ${decoder.explain(String(v))}`);
        rows.guess(cls);
      }
      rows.finish();
    }
  });
  return {
    push: (chunk) => reader.push(chunk),
    end(): PredictionTable {
      reader.end();
      return rows.table(file, 'npy', false);
    },
  };
}

function isFloat(h: NpyHeader): boolean {
  return h.dtype === 'float32' || h.dtype === 'float64';
}
