import type { FormatEntry } from './formats.js';
import type { TableFormat } from './tables.js';

/** A format's two parsers, as in {@link FORMATS}. */
export type FormatParsers = Pick<FormatEntry, 'predictions' | 'labels'>;

/**
 * The parsers of {@link FORMATS}, loaded on demand: reading ILSVRC text need not load the CSV, JSONL and .npy
 * parsers (some 20 modules, a noticeable part of the start-up of `heldout score`). Synchronous callers use FORMATS.
 *
 * @example const { predictions } = await FORMAT_LOADERS.ilsvrc();
 */
export const FORMAT_LOADERS = {
  ilsvrc: async () => ({ predictions: (await import('./ilsvrc-predictions.js')).ilsvrcPredictionsParser, labels: (await import('./ilsvrc-labels.js')).ilsvrcLabelsParser }),
  csv: async () => ({ predictions: (await import('./csv-predictions.js')).csvPredictionsParser, labels: (await import('./csv-labels.js')).csvLabelsParser }),
  jsonl: async () => ({ predictions: (await import('./jsonl-predictions.js')).jsonlPredictionsParser, labels: (await import('./jsonl-labels.js')).jsonlLabelsParser }),
  npy: async () => ({ predictions: (await import('./npy-predictions.js')).npyPredictionsParser, labels: (await import('./npy-labels.js')).npyLabelsParser }),
} as const satisfies Record<TableFormat, () => Promise<FormatParsers>>;
