import { UserError } from '../../errors.js';
import { byteBlockReader, checkUtf8 } from './byte-line-reader.js';
import { CsvFields } from './csv-fields.js';
import type { ChunkParser } from './tables.js';
import { isBlankRange } from './text-line-reader.js';

/** Receives one non-blank CSV line split into fields (ranges of `text`), with its 1-based line number. */
export type CsvRowHandler = (text: string, fields: CsvFields, line: number) => void;

/**
 * Tries to take the line that starts at `bytes[start]` the quick way, from the file's bytes; returns the index of the
 * LF that ends it, or -1 to have it decoded, split in full and passed to the row handler instead. It must not have
 * changed anything when it returns -1. It may only take a line whose every byte it has checked to be ASCII (or to be
 * part of a stored id): lines it takes are not decoded, so nothing else checks them for UTF-8. `bytes` ends with an
 * LF, so a scan for one needs no bounds check.
 */
export type CsvFastLine = (bytes: Uint8Array, start: number, line: number) => number;

/**
 * Called after the last line of each block, while its bytes are still valid, with the number of bytes read so far
 * (whole lines only).
 */
export type CsvBlockEnd = (bytesSoFar: number) => void;

/**
 * Streams a CSV file line by line into field ranges, skipping blank lines. A parser may pass `fast`, tried first on
 * every line after the header: the common plain line (`id,3,17,…`) then costs one pass over its bytes, and
 * anything unusual (quotes, spaces, non-ASCII ids, odd values, errors) falls through to the general path, which
 * decodes the block to text, splits the line and calls `onRow`.
 *
 * Errors are those of a reader that decodes every block before parsing it: a block that is not UTF-8 fails with
 * `not UTF-8 text` (and the line of the first bad byte), even when a row of it has another error first.
 */
export function csvReader(file: string, onRow: CsvRowHandler, fast?: CsvFastLine, onBlockEnd?: CsvBlockEnd): ChunkParser<{ bytes: number }> {
  const fields = new CsvFields();
  const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let line = 0;
  let bytesSoFar = 0;
  let header = true;
  const block = (b: Uint8Array, start: number, end: number): void => {
    const before = line;
    // The block as text, decoded at its first line that needs it; `ascii` when its offsets are the bytes' offsets.
    let text: string | undefined;
    let ascii = false;
    let nextQuote = -1;
    try {
      let i = start;
      while (i < end) {
        line++;
        if (!header && fast !== undefined) {
          const taken = fast(b, i, line);
          if (taken >= 0) {
            i = taken + 1;
            continue;
          }
        }
        const nl = b.indexOf(10, i); // the block's last byte is a newline
        const e = nl > i && b[nl - 1] === 13 ? nl - 1 : nl;
        const s = i;
        i = nl + 1;
        if (text === undefined) {
          text = decode(utf8, file, b, start, end, before);
          ascii = text.length === end - start;
          nextQuote = ascii ? text.indexOf('"') : -1;
        }
        const t = ascii ? text : decode(utf8, file, b, s, e, line - 1);
        const ts = ascii ? s - start : 0;
        const te = ascii ? e - start : t.length;
        if (isBlankRange(t, ts, te)) continue;
        if (!ascii) nextQuote = t.indexOf('"');
        else if (nextQuote >= 0 && nextQuote < ts) nextQuote = t.indexOf('"', ts);
        if (nextQuote < 0 || nextQuote >= te) fields.splitPlain(t, ts, te);
        else fields.split(t, ts, te, file, line);
        header = false;
        onRow(t, fields, line);
      }
      bytesSoFar += end;
      onBlockEnd?.(bytesSoFar);
    } catch (err) {
      if (err instanceof UserError) checkUtf8(file, b, start, end, before);
      throw err;
    }
  };
  return byteBlockReader(file, block, () => line);
}

/**
 * How much more of a file there is than `bytesSoFar`, as a factor, with 5% to spare: the parsers scale what the
 * first block held to size their buffers once (a file's lines are alike), rather than double them as they fill,
 * which allocates, copies and pages in about as much again. A wrong guess costs only that growth.
 */
export function growthEstimate(sizeHint: number, bytesSoFar: number): number {
  return (1.05 * sizeHint) / bytesSoFar;
}

/** Spare room an id store needs past its last id: IdStore.scanField copies into it up to a block (1 MiB reads). */
export const BLOCK_ROOM = (1 << 20) + 64;

function decode(utf8: { decode(b: Uint8Array): string }, file: string, b: Uint8Array, start: number, end: number, linesBefore: number): string {
  try {
    return utf8.decode(b.subarray(start, end));
  } catch {
    checkUtf8(file, b, start, end, linesBefore);
    throw new Error('unreachable: the decoder refused what checkUtf8 accepts');
  }
}
