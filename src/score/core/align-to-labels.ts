import { UserError } from '../../errors.js';
import type { LabelTable, PredictionTable } from '../../formats/predictions/tables.js';

/**
 * Puts predictions in the labels' row order and returns their guesses (n × k, class indices). Keyed tables (CSV,
 * JSONL) are joined by image_id: every labelled image needs exactly one prediction row and every prediction row a
 * labelled image. Ordered tables (ILSVRC text, .npy) are joined by position and must have the same number of rows.
 * A keyed table cannot be joined with an ordered one. Errors name the file and line of the first problem.
 */
export function alignToLabels(labels: LabelTable, preds: PredictionTable): Int32Array {
  if (labels.join !== preds.join) {
    const [keyed, ordered] = labels.join === 'id' ? [labels, preds] : [preds, labels];
    throw new UserError(`${keyed.file} is keyed by image_id (${keyed.format}) but ${ordered.file} is ordered by row (${ordered.format}); give both files keyed by image_id, or both ordered`);
  }
  if (labels.join === 'position') {
    if (labels.n !== preds.n) {
      throw new UserError(`${preds.file} has ${preds.n} rows but ${labels.file} has ${labels.n} labels; line i of the predictions must be image i of the labels`);
    }
    return preds.guesses;
  }
  return scatter(labels, preds, labelRowsOf(labels, preds));
}

/**
 * {@link alignToLabels} for computations that do not depend on the order of the images (accuracy, per-class
 * accuracy, confusion): returns labels and guesses row-aligned, in the labels' order or in the predictions' order.
 * Keyed rows in another order than the labels' are paired by moving one label per row to its prediction row,
 * rather than k guesses to its label row, which touches less memory at random. Checks and errors are the same.
 */
export function alignForCounting(labels: LabelTable, preds: PredictionTable): { labels: Int32Array; guesses: Int32Array } {
  if (labels.join !== 'id' || preds.join !== 'id') return { labels: labels.labels, guesses: alignToLabels(labels, preds) };
  const labelRows = labelRowsOf(labels, preds);
  if (preds.n === labels.n && isIdentity(labelRows)) return { labels: labels.labels, guesses: preds.guesses };
  const seen = new Uint8Array(labels.n);
  const gathered = new Int32Array(preds.n);
  for (let i = 0; i < preds.n; i++) {
    const j = labelRows[i]!;
    if (seen[j] === 1) throw repeated(labels, preds, j, i, labelRows.indexOf(j));
    seen[j] = 1;
    gathered[i] = labels.labels[j]!;
  }
  if (preds.n < labels.n) throw missing(labels, preds, seen.indexOf(0));
  return { labels: gathered, guesses: preds.guesses };
}

/** For each prediction row, its label row (-1 when unknown): matched while parsing, or looked up now. */
function labelRowsOf(labels: LabelTable, preds: PredictionTable): Int32Array {
  const m = preds.matched;
  if (m !== undefined) {
    if (m.index !== labels.idIndex && m.index.ids !== labels.ids) throw new Error('predictions were matched against a different labels table');
    if (m.firstUnknown) throw unknownId(m.firstUnknown.id, m.firstUnknown.line, preds, labels);
    return m.labelRows;
  }
  const index = labels.idIndex;
  // A table without an index (built by hand) gets a Map: importing IdIndex here would load the id matching for
  // ordered files too, the hot path of `heldout score`.
  const rowOf = index ? undefined : new Map(labels.ids!.map((id, row) => [id, row]));
  const ids = preds.ids!;
  return Int32Array.from(ids, (id, i) => {
    const row = index ? (index.isAt(i, id, 0, id.length) ? i : index.get(id)) : (rowOf!.get(id) ?? -1);
    if (row < 0) throw unknownId(id, preds.lines![i]!, preds, labels);
    return row;
  });
}

function scatter(labels: LabelTable, preds: PredictionTable, labelRows: Int32Array): Int32Array {
  const k = preds.k;
  if (preds.n === labels.n && isIdentity(labelRows)) return preds.guesses;
  const out = new Int32Array(labels.n * k).fill(-1);
  const predRow = new Int32Array(labels.n).fill(-1);
  for (let i = 0; i < preds.n; i++) {
    const j = labelRows[i]!;
    const prev = predRow[j]!;
    if (prev >= 0) throw repeated(labels, preds, j, i, prev);
    predRow[j] = i;
    for (let s = 0; s < k; s++) out[j * k + s] = preds.guesses[i * k + s]!;
  }
  if (preds.n < labels.n) throw missing(labels, preds, predRow.indexOf(-1));
  return out;
}

/** Prediction row i has the image_id of label row j, as the earlier prediction row `prev` has. */
function repeated(labels: LabelTable, preds: PredictionTable, j: number, i: number, prev: number): UserError {
  const lines = preds.lines!;
  return new UserError(`${preds.file}:${lines[i]}: image_id ${JSON.stringify(labelId(labels, j))} appears twice (first on line ${lines[prev]})`);
}

/** Label row j (the first of labels.n - preds.n) has no prediction. */
function missing(labels: LabelTable, preds: PredictionTable, j: number): UserError {
  const where = labels.lines ? `${labels.file}:${labels.lines[j]}` : labels.file;
  return new UserError(`${preds.file} has no prediction for ${labels.n - preds.n} labelled image(s), the first being ${JSON.stringify(labelId(labels, j))} (${where})`);
}

/** Label row j's image_id, without making the strings of all the others (a keyed table's `ids` makes them all). */
function labelId(labels: LabelTable, j: number): string | undefined {
  return labels.idIndex ? labels.idIndex.id(j) : labels.ids?.[j];
}

function unknownId(id: string, line: number, preds: PredictionTable, labels: LabelTable): UserError {
  return new UserError(`${preds.file}:${line}: image_id ${JSON.stringify(id)} is not in ${labels.file}`);
}

/** The common case: both files list the same images in the same order. */
function isIdentity(rows: Int32Array): boolean {
  for (let i = 0; i < rows.length; i++) if (rows[i] !== i) return false;
  return true;
}
