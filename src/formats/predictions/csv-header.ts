import { UserError } from '../../errors.js';

/** Column positions found in a predictions or labels CSV header. */
export interface CsvHeader {
  readonly width: number;
  readonly idCol: number;
  /** -1 when there is no `label` column. */
  readonly labelCol: number;
  /** Positions of pred1, pred2, … in guess order (empty when there are none). */
  readonly predCols: readonly number[];
}

const ID_NAMES = new Set(['image_id', 'image']);

/**
 * Reads a CSV header (required: the files have no fixed column order). The image column is `image_id` (or `image`);
 * a labels file has `label`; a predictions file has `pred1..predK` (`pred_1` also accepted), numbered from 1 without
 * gaps. Other columns are ignored. Names are case-insensitive.
 */
export function parseCsvHeader(names: readonly string[], file: string, expect: 'labels' | 'predictions'): CsvHeader {
  const lower = names.map((n) => n.trim().toLowerCase());
  const idCol = lower.findIndex((n) => ID_NAMES.has(n));
  const labelCol = lower.indexOf('label');
  const preds: Array<{ rank: number; col: number }> = [];
  lower.forEach((n, col) => {
    const m = /^pred_?(\d{1,4})$/.exec(n);
    if (m) preds.push({ rank: Number(m[1]), col });
  });
  preds.sort((a, b) => a.rank - b.rank);
  const wanted = expect === 'labels' ? 'image_id,label' : 'image_id,pred1,...,predK';
  const found = names.join(',');
  const shown = found.length > 80 ? `${found.slice(0, 80)}…` : found;
  if (idCol < 0) throw new UserError(`${file}:1: header required: expected columns ${wanted} (found: ${shown})`);
  if (expect === 'labels' && labelCol < 0) {
    throw new UserError(`${file}:1: no label column (expected ${wanted}, found: ${shown})${preds.length > 0 ? '; this looks like a predictions file' : ''}`);
  }
  if (expect === 'predictions') {
    if (preds.length === 0) {
      throw new UserError(`${file}:1: no pred1..predK columns (expected ${wanted}, found: ${shown})${labelCol >= 0 ? '; this looks like a labels file' : ''}`);
    }
    preds.forEach((p, i) => {
      if (p.rank !== i + 1) throw new UserError(`${file}:1: prediction columns must be pred1..pred${preds.length} without gaps or repeats (found: ${shown})`);
    });
  }
  return { width: names.length, idCol, labelCol, predCols: preds.map((p) => p.col) };
}
