import { UserError } from '../../errors.js';
import { parseNpyHeader, type NpyHeader } from './npy-header.js';
import type { ChunkParser } from './tables.js';

/**
 * Receives whole rows: `data` starts at byte 0 of its own buffer (so typed-array views are aligned) and holds
 * `count` rows of `rowItems` elements, the first being row `first`.
 */
export type NpyRowsHandler = (data: Uint8Array, first: number, count: number) => void;

/** Bytes of row data buffered at once; rows are handed over in batches of about this size. */
const BATCH_BYTES = 1 << 20;
/** A single row larger than this (e.g. a header claiming 10⁹ columns) is refused rather than allocated. */
const MAX_ROW_BYTES = 1 << 26;

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Streams a C-ordered .npy file as batches of rows. `onHeader` validates the header (throwing a UserError for a shape
 * or dtype the caller cannot use) and returns the number of elements per row. The data must be exactly
 * shape[0] rows long. Memory: the header plus one batch, whatever the file size.
 */
export function npyReader(file: string, onHeader: (h: NpyHeader) => number, onRows: NpyRowsHandler): ChunkParser<{ header: NpyHeader; rows: number }> {
  if (!LITTLE_ENDIAN_HOST) throw new UserError('reading .npy files needs a little-endian machine');
  let pre: Uint8Array = new Uint8Array(0);
  let header: NpyHeader | undefined;
  let rowBytes = 0;
  let nRows = 0;
  let batch = new Uint8Array(0);
  let filled = 0;
  let done = 0;

  const flush = (): void => {
    const count = Math.floor(filled / rowBytes);
    if (count === 0) return;
    onRows(batch, done, count);
    done += count;
    const rest = filled - count * rowBytes;
    batch.copyWithin(0, count * rowBytes, filled);
    filled = rest;
  };

  const data = (chunk: Uint8Array): void => {
    let pos = 0;
    while (pos < chunk.length) {
      if ((done * rowBytes + filled) + (chunk.length - pos) > nRows * rowBytes) {
        throw new UserError(`${file}: more data than the header's shape [${header!.shape.join(', ')}] allows`);
      }
      const take = Math.min(batch.length - filled, chunk.length - pos);
      batch.set(chunk.subarray(pos, pos + take), filled);
      filled += take;
      pos += take;
      if (filled === batch.length) flush();
    }
  };

  return {
    push(chunk: Uint8Array): void {
      if (header !== undefined) {
        data(chunk);
        return;
      }
      const joined = new Uint8Array(pre.length + chunk.length);
      joined.set(pre);
      joined.set(chunk, pre.length);
      const h = parseNpyHeader(joined, file);
      if (h === undefined) {
        pre = joined;
        return;
      }
      header = h;
      const rowItems = onHeader(h);
      nRows = h.shape[0] ?? 0;
      rowBytes = rowItems * h.itemSize;
      if (!(rowBytes >= 1 && rowBytes <= MAX_ROW_BYTES)) throw new UserError(`${file}: rows of ${rowItems} elements are not supported`);
      batch = new Uint8Array(Math.max(1, Math.floor(BATCH_BYTES / rowBytes)) * rowBytes);
      pre = new Uint8Array(0);
      data(joined.subarray(h.dataOffset));
    },
    end(): { header: NpyHeader; rows: number } {
      if (header === undefined) {
        throw new UserError(pre.length === 0 ? `${file}: empty file` : `${file}: truncated .npy header`);
      }
      flush();
      if (done !== nRows || filled !== 0) {
        const have = done * rowBytes + filled;
        throw new UserError(`${file}: truncated: the header's shape [${header.shape.join(', ')}] needs ${nRows * rowBytes} data bytes, the file has ${have}`);
      }
      return { header, rows: done };
    },
  };
}
