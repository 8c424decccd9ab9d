import { UserError } from '../../errors.js';
import type { PredictionParserOptions } from './ilsvrc-predictions.js';
import { jsonImageId, jsonLabel, jsonObject } from './jsonl-record.js';
import { PredictionRows } from './prediction-rows.js';
import type { ChunkParser, PredictionTable } from './tables.js';
import { eachLine, isBlankRange, textBlockReader } from './text-line-reader.js';

/**
 * Streaming parser for JSON Lines predictions: one object per line, `{"image_id": "a.jpg", "top": [3, 7, 1]}`,
 * guesses best first (integers, or wnid strings with `--label-space wnid`). Other keys are ignored; blank lines skipped.
 *
 * @example parseAll(jsonlPredictionsParser({ file: 'p.jsonl', decoder, k: 5 }), '{"image_id":"a","top":[3]}\n').n // → 1
 */
export function jsonlPredictionsParser({ file, decoder, k, labelIds }: PredictionParserOptions): ChunkParser<PredictionTable> {
  const rows = new PredictionRows(k, labelIds);
  let lines = 0;
  const reader = textBlockReader(file, (text, start, end) => {
    lines = eachLine(text, start, end, lines, (s, e, line) => {
      if (isBlankRange(text, s, e)) return;
      const rec = jsonObject(text.slice(s, e), file, line);
      const id = jsonImageId(rec, file, line);
      const top = rec.top;
      if (!Array.isArray(top) || top.length === 0) throw new UserError(`${file}:${line}: "top" must be a non-empty array of guesses, best first`);
      rows.beginKeyed(id, line);
      top.forEach((g, j) => rows.guess(jsonLabel(g, decoder, `${file}:${line}: top[${j}]`)));
      rows.finish();
    });
  }, () => lines);
  return {
    push: (chunk) => reader.push(chunk),
    end(): PredictionTable {
      reader.end();
      if (rows.n === 0) throw new UserError(`${file}: empty file (no predictions)`);
      return rows.table(file, 'jsonl', true);
    },
  };
}
