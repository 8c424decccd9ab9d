import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { UserError, at } from '../../errors.js';

/** One row of a labels CSV: an image path relative to the image folder and its label token (in a declared space). */
export interface LabelRow {
  readonly image: string;
  readonly label: string;
  /** 1-based line of the row in the file, for error messages. */
  readonly line: number;
}

const rowSchema = z.object({
  image: z.string().trim().min(1, 'empty image name')
    .refine((s) => !s.split(/[\\/]/).includes('..') && !s.startsWith('/'), 'image must be a path inside the image folder'),
  label: z.string().trim().min(1, 'empty label'),
});

/**
 * Parses a labels CSV with a header row containing `image` and `label` (other columns are ignored). Tolerates BOM,
 * CRLF and quoted fields; rejects duplicate images. Errors name `file:line`.
 *
 * @example parseLabelsCsv('image,label\na.jpg,n01440764\n', 'labels.csv') // → [{ image: 'a.jpg', label: 'n01440764', line: 2 }]
 */
export function parseLabelsCsv(text: string, file: string): LabelRow[] {
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(text, { bom: true, columns: header(file), skip_empty_lines: true, info: true, relax_column_count: false });
  } catch (err) {
    if (err instanceof UserError) throw err;
    const line = (err as { lines?: number }).lines;
    throw new UserError(`${at(file, line)}: not a valid CSV file: ${err instanceof Error ? err.message : String(err)}`);
  }
  const seen = new Map<string, number>();
  return records.map(({ record, info }) => {
    const line = info.lines;
    const parsed = rowSchema.safeParse(record);
    if (!parsed.success) throw new UserError(`${at(file, line)}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const image = parsed.data.image.replace(/\\/g, '/');
    const first = seen.get(image);
    if (first !== undefined) throw new UserError(`${at(file, line)}: image ${image} is already labelled on line ${first}`);
    seen.set(image, line);
    return { image, label: parsed.data.label, line };
  });
}

function header(file: string): (names: string[]) => string[] {
  return (names) => {
    const cols = names.map((n) => n.trim().toLowerCase());
    if (!cols.includes('image') || !cols.includes('label')) {
      throw new UserError(`${file}:1: header must name the columns image and label (found: ${names.join(',')})`);
    }
    return cols;
  };
}

/** Writes a labels CSV (`image,label` header, one row per image) that {@link parseLabelsCsv} reads back. */
export function formatLabelsCsv(rows: ReadonlyArray<{ readonly image: string; readonly label: string }>): string {
  return stringify(rows.map((r) => [r.image, r.label]), { header: true, columns: ['image', 'label'], record_delimiter: '\n' });
}
