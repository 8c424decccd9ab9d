import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { UserError, at } from '../../errors.js';
import type { CountRow } from './study-data.js';

/** How accuracies are written when the CSV has an `accuracy` column instead of `correct`. */
export interface CountCsvOptions {
  /** Accuracies are percentages in [0, 100] rather than fractions in [0, 1]. */
  readonly percent?: boolean;
}

const integer = (what: string) => z.string().trim().regex(/^\d+$/, `${what} must be a non-negative integer`).transform(Number);
const rowSchema = z.object({
  model: z.string().trim().min(1, 'empty model name'),
  test_set: z.string().trim().min(1, 'empty test set'),
  n: integer('n').refine((v) => v >= 1 && Number.isSafeInteger(v), 'n must be at least 1'),
  correct: integer('correct').optional(),
  accuracy: z.string().trim().optional(),
});

/**
 * Parses a long-format accuracy table, one row per model and test set, with a header naming `model`, `test_set`,
 * `n` and either `correct` (images right) or `accuracy` (a fraction in [0, 1], or a percentage in [0, 100] with
 * `percent`; converted to the nearest count). Column names are case-insensitive; other columns are ignored.
 * Errors name `file:line`: values out of range, correct > n, a model listed twice for one test set.
 *
 * @example parseCountCsv('model,test_set,correct,n\nresnet,val,761,1000\n', 'acc.csv') // → [{ model: 'resnet', testSet: 'val', correct: 761, n: 1000 }]
 */
export function parseCountCsv(text: string, file: string, options: CountCsvOptions = {}): CountRow[] {
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(text, {
      bom: true, skip_empty_lines: true, info: true, trim: true,
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase().replace(/[\s-]+/g, '_')),
    });
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new UserError(`${at(file, line)}: not a valid CSV file: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (records.length === 0) throw new UserError(`${file}: no rows (expected a header model,test_set,correct,n and one row per model and test set)`);
  const columns = Object.keys(records[0]!.record);
  const missing = ['model', 'test_set', 'n'].filter((c) => !columns.includes(c));
  if (!columns.includes('correct') && !columns.includes('accuracy')) missing.push('correct (or accuracy)');
  if (missing.length > 0) throw new UserError(`${file}: missing column(s) ${missing.join(', ')}; found ${columns.join(', ')}`);
  const seen = new Map<string, number>();
  const scale = options.percent ? 100 : 1;
  return records.map(({ record, info }) => {
    const line = info.lines;
    const p = rowSchema.safeParse(record);
    if (!p.success) throw new UserError(`${at(file, line)}: ${p.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const { model, test_set: testSet, n } = p.data;
    let correct = p.data.correct;
    if (correct === undefined) {
      const raw = p.data.accuracy ?? '';
      const a = Number(raw);
      if (raw === '' || !Number.isFinite(a)) throw new UserError(`${at(file, line)}: accuracy "${raw}" is not a number`);
      if (a < 0 || a > scale) {
        throw new UserError(`${at(file, line)}: accuracy ${raw} is outside [0, ${scale}]${!options.percent && a <= 100 ? '; pass --percent if the accuracies are percentages' : ''}`);
      }
      correct = Math.round((a / scale) * n);
    }
    if (correct > n) throw new UserError(`${at(file, line)}: correct ${correct} is more than n ${n}`);
    const key = `${model}\u0000${testSet}`;
    const first = seen.get(key);
    if (first !== undefined) throw new UserError(`${at(file, line)}: model ${model} on ${testSet} is listed twice (first on line ${first})`);
    seen.set(key, line);
    return { model, testSet, correct, n };
  });
}
