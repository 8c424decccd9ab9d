import { CsvFields } from './csv-fields.js';
import type { ChunkParser } from './tables.js';
import { isBlankRange, lineEnd, textBlockReader, withoutCr } from './text-line-reader.js';

/** Receives one non-blank CSV line split into fields (ranges of `text`), with its 1-based line number. */
export type CsvRowHandler = (text: string, fields: CsvFields, line: number) => void;

/**
 * Tries to take a whole line `text[start, end)` (no CR) the quick way; returns false to have it split in full and
 * passed to the row handler instead. It must not have changed anything when it returns false.
 */
export type CsvFastLine = (text: string, start: number, end: number, line: number) => boolean;

/**
 * Streams a CSV file line by line into field ranges, skipping blank lines. A parser may pass `fast`, tried first on
 * every line after the header: the common plain line (`id,3,17,…`) then costs one pass over its characters, and
 * anything unusual (quotes, spaces, odd values, errors) falls through to the general split and handler.
 */
export function csvReader(file: string, onRow: CsvRowHandler, fast?: CsvFastLine): ChunkParser<{ bytes: number }> {
  const fields = new CsvFields();
  let line = 0;
  let header = true;
  const block = (text: string, start: number, end: number): void => {
    let nextQuote = text.indexOf('"', start);
    let i = start;
    while (i < end) {
      const nl = lineEnd(text, i, end);
      const e = withoutCr(text, i, nl);
      const s = i;
      i = nl + 1;
      line++;
      if (!header && fast !== undefined && fast(text, s, e, line)) continue;
      if (isBlankRange(text, s, e)) continue;
      if (nextQuote >= 0 && nextQuote < s) nextQuote = text.indexOf('"', s);
      if (nextQuote < 0 || nextQuote >= e) fields.splitPlain(text, s, e);
      else fields.split(text, s, e, file, line);
      header = false;
      onRow(text, fields, line);
    }
  };
  return textBlockReader(file, block, () => line);
}
