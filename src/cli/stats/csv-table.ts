import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { UserError, at } from '../../errors.js';

/** One data row of a CSV file: its cells by column name and its 1-based line, for error messages. */
export interface CsvRow {
  readonly line: number;
  readonly cells: Readonly<Record<string, string>>;
}

/** A CSV file with a header row. */
export interface CsvTable {
  readonly file: string;
  readonly columns: readonly string[];
  readonly rows: readonly CsvRow[];
}

/**
 * Reads a CSV file with a header row. Tolerates a BOM, CRLF, quoted fields and blank lines; other columns than
 * `required` are allowed and ignored by callers. Throws a UserError naming the file (and line) when the file cannot be
 * read, is not valid CSV, lacks a required column, repeats a column name, or has no data rows.
 */
export function readCsvTable(file: string, required: readonly string[]): CsvTable {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let columns: string[] = [];
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      info: true,
      columns: (names: string[]) => {
        columns = names.map((n) => n.trim());
        checkHeader(file, columns, required);
        return columns;
      },
    });
  } catch (err) {
    if (err instanceof UserError) throw err;
    const line = (err as { lines?: number }).lines;
    throw new UserError(`${at(file, line)}: not a valid CSV file: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (columns.length === 0) throw new UserError(`${file}: empty file; expected a header row with the columns ${required.join(', ')}`);
  if (records.length === 0) throw new UserError(`${file}: no data rows after the header`);
  return { file, columns, rows: records.map(({ record, info }) => ({ line: info.lines, cells: record })) };
}

function checkHeader(file: string, columns: readonly string[], required: readonly string[]): void {
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c)) throw new UserError(`${at(file, 1)}: the column ${JSON.stringify(c)} appears twice in the header`);
    seen.add(c);
  }
  const missing = required.filter((c) => !seen.has(c));
  if (missing.length > 0) {
    const names = missing.map((c) => JSON.stringify(c)).join(', ');
    throw new UserError(`${at(file, 1)}: no column ${names} in the header (found: ${columns.join(', ')})`);
  }
}

/** The cell of `column` in `row`, as text; `label` for errors is `file:line: column`. */
export function cell(table: CsvTable, row: CsvRow, column: string): { text: string; label: string } {
  return { text: row.cells[column] ?? '', label: `${at(table.file, row.line)}: ${column}` };
}
