import { csvLabelsParser } from './csv-labels.js';
import { csvPredictionsParser } from './csv-predictions.js';
import { ilsvrcLabelsParser, type LabelParserOptions } from './ilsvrc-labels.js';
import { ilsvrcPredictionsParser, type PredictionParserOptions } from './ilsvrc-predictions.js';
import { jsonlLabelsParser } from './jsonl-labels.js';
import { jsonlPredictionsParser } from './jsonl-predictions.js';
import { npyLabelsParser } from './npy-labels.js';
import { npyPredictionsParser } from './npy-predictions.js';
import type { ChunkParser, LabelTable, PredictionTable, TableFormat } from './tables.js';

/** One entry per file format: how to read predictions and labels in it, and how rows are matched to images. */
export interface FormatEntry {
  readonly description: string;
  /** `id`: rows carry an image_id and are joined by it; `position`: row i is image i. */
  readonly join: 'id' | 'position';
  predictions(options: PredictionParserOptions): ChunkParser<PredictionTable>;
  labels(options: LabelParserOptions): ChunkParser<LabelTable>;
}

/** The prediction/label file formats, by name (`--format`). */
export const FORMATS = {
  ilsvrc: {
    description: 'ILSVRC text: one line per image in sorted file-name order; predictions up to 5 IDs per line, labels one',
    join: 'position',
    predictions: ilsvrcPredictionsParser,
    labels: ilsvrcLabelsParser,
  },
  csv: {
    description: 'CSV with a header: image_id,pred1,...,predK or image_id,label',
    join: 'id',
    predictions: csvPredictionsParser,
    labels: csvLabelsParser,
  },
  jsonl: {
    description: 'JSON Lines: {"image_id": …, "top": [...]} or {"image_id": …, "label": …}',
    join: 'id',
    predictions: jsonlPredictionsParser,
    labels: jsonlLabelsParser,
  },
  npy: {
    description: 'NumPy .npy: int (N, K) top-k IDs or float (N, C) logits; labels int (N,)',
    join: 'position',
    predictions: npyPredictionsParser,
    labels: npyLabelsParser,
  },
} as const satisfies Record<TableFormat, FormatEntry>;
