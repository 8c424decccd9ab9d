import { UserError } from '../../errors.js';
import type { LabelParserOptions } from './ilsvrc-labels.js';
import { LabelRows } from './label-rows.js';
import type { NpyHeader } from './npy-header.js';
import { npyInts } from './npy-ints.js';
import { npyReader } from './npy-reader.js';
import type { ChunkParser, LabelTable } from './tables.js';

/** Streaming parser for NumPy labels: an integer array of shape (N,) or (N, 1), one class ID per image in order. */
export function npyLabelsParser({ file, decoder }: LabelParserOptions): ChunkParser<LabelTable> {
  if (decoder.space === 'wnid') throw new UserError(`${file}: a .npy file holds numbers, not wnids; use --label-space index or devkit`);
  const rows = new LabelRows(file);
  let header: NpyHeader | undefined;
  const reader = npyReader(file, (h) => {
    const shape = h.shape;
    if (h.dtype !== 'int32' && h.dtype !== 'int64') throw new UserError(`${file}: labels must be integers, not ${h.dtype}`);
    if (!(shape.length === 1 || (shape.length === 2 && shape[1] === 1))) throw new UserError(`${file}: labels must have shape (N,) or (N, 1), not [${shape.join(', ')}]`);
    if (shape[0] === 0) throw new UserError(`${file}: empty array`);
    header = h;
    return 1;
  }, (data, first, count) => {
    const values = npyInts(data, count, header!.dtype);
    for (let r = 0; r < count; r++) {
      const v = values(r);
      const cls = decoder.int(v);
      if (cls < 0) throw new UserError(`${file}[${first + r}]: ${decoder.explain(String(v))}`);
      rows.add(cls);
    }
  });
  return {
    push: (chunk) => reader.push(chunk),
    end(): LabelTable {
      reader.end();
      return rows.table('npy', false);
    },
  };
}
