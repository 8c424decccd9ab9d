import { UserError } from '../../errors.js';
import type { LabelParserOptions } from './ilsvrc-labels.js';
import { jsonImageId, jsonLabel, jsonObject } from './jsonl-record.js';
import { LabelRows } from './label-rows.js';
import type { ChunkParser, LabelTable } from './tables.js';
import { eachLine, isBlankRange, textBlockReader } from './text-line-reader.js';

/**
 * Streaming parser for JSON Lines labels: `{"image_id": "a.jpg", "label": 3}` per line; other keys ignored.
 *
 * @example parseAll(jsonlLabelsParser({ file: 'l.jsonl', decoder }), '{"image_id":"a","label":3}\n').n // → 1
 */
export function jsonlLabelsParser({ file, decoder }: LabelParserOptions): ChunkParser<LabelTable> {
  const rows = new LabelRows(file);
  let lines = 0;
  const reader = textBlockReader(file, (text, start, end) => {
    lines = eachLine(text, start, end, lines, (s, e, line) => {
      if (isBlankRange(text, s, e)) return;
      const rec = jsonObject(text.slice(s, e), file, line);
      const id = jsonImageId(rec, file, line);
      if (!('label' in rec)) throw new UserError(`${file}:${line}: missing "label"`);
      rows.addKeyed(id, jsonLabel(rec.label, decoder, `${file}:${line}: label`), line);
    });
  }, () => lines);
  return {
    push: (chunk) => reader.push(chunk),
    end(): LabelTable {
      reader.end();
      if (rows.n === 0) throw new UserError(`${file}: empty file (no labels)`);
      return rows.table('jsonl', true);
    },
  };
}
