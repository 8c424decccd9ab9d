import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { UserError } from '../../errors.js';
import { readInputText } from '../../datasets/read-input.js';
import { blankEntry, type IngestEntry } from './ingest-entry.js';

export interface MetadataSourceOptions {
  /** A .csv (header row) or .json (array of objects, or `{ "candidates": [...] }`) file. */
  readonly file: string;
  /** Folder the `file` column is relative to; default the metadata file's folder. */
  readonly filesDir?: string;
  readonly wnid?: string;
  /** Default `web`; a row's own `source` column wins. Part of the candidate id. */
  readonly sourceName?: string;
}

const text = z.union([z.string(), z.number()]).transform((v) => String(v).trim()).optional().nullable();
const optional = (v: string | null | undefined) => (v === undefined || v === null || v === '' ? null : v);

/** One metadata row. Unknown columns are ignored; dates stay raw text for the service to parse. */
const rowSchema = z.object({
  file: z.union([z.string(), z.number()]).transform((v) => String(v).trim()).pipe(z.string().min(1, 'file is empty')),
  source_url: text, source_id: text, owner: text, license: text, licence: text,
  date_taken: z.union([z.string(), z.number()]).optional().nullable(),
  date_uploaded: z.union([z.string(), z.number()]).optional().nullable(),
  title: text, wnid: text, source: text,
  tags: z.union([z.string(), z.array(z.string())]).optional().nullable(),
});

/**
 * Candidates from a metadata table: columns file, source_url, source_id, owner, license (or licence), date_taken,
 * date_uploaded, title, tags (array, or text split on commas/whitespace), wnid, source. A row that does not fit the
 * schema becomes an entry with a bad-metadata problem; the file itself is checked by the ingest service.
 */
export async function metadataEntries(o: MetadataSourceOptions): Promise<IngestEntry[]> {
  const raw = await readInputText(o.file, 'metadata file');
  const base = path.resolve(o.filesDir ?? path.dirname(o.file));
  const name = path.basename(o.file);
  const rows = parseRows(raw, o.file);
  return rows.map(({ row, line }) => {
    const where = `${name}:${line}`;
    const parsed = rowSchema.safeParse(row);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const file = typeof (row as { file?: unknown })?.file === 'string' ? (row as { file: string }).file : null;
      return {
        ...blankEntry(where, file ? { kind: 'file', path: path.resolve(base, file) } : { kind: 'missing', expected: '(no file column)' }, o.sourceName ?? 'web'),
        sourcePath: file,
        problem: { reason: 'bad-metadata', detail: `${issue?.path.join('.') || 'row'}: ${issue?.message ?? 'invalid'}` },
      } satisfies IngestEntry;
    }
    const r = parsed.data;
    const file = path.resolve(base, r.file);
    return {
      ...blankEntry(where, { kind: 'file', path: file }, optional(r.source) ?? o.sourceName ?? 'web'),
      sourcePath: r.file,
      sourceId: optional(r.source_id),
      sourceUrl: optional(r.source_url),
      owner: optional(r.owner),
      license: optional(r.license) ?? optional(r.licence),
      dateTaken: r.date_taken ?? null,
      dateUploaded: r.date_uploaded ?? null,
      title: optional(r.title),
      tags: parseTags(r.tags),
      wnid: optional(r.wnid) ?? o.wnid ?? null,
    } satisfies IngestEntry;
  });
}

function parseRows(raw: string, file: string): Array<{ row: unknown; line: number }> {
  if (/\.json$/i.test(file)) {
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch (err) {
      throw new UserError(`${file}: not valid JSON (${(err as Error).message})`);
    }
    const list = Array.isArray(data) ? data : (data as { candidates?: unknown })?.candidates;
    if (!Array.isArray(list)) throw new UserError(`${file}: expected a JSON array of candidates or { "candidates": [...] }`);
    return list.map((row, i) => ({ row, line: i + 1 }));
  }
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(raw, { columns: true, skip_empty_lines: true, trim: true, bom: true, info: true, relax_column_count: true });
  } catch (err) {
    throw new UserError(`${file}: not a readable CSV (${(err as Error).message.split('\n')[0]})`);
  }
  if (records.length > 0 && !('file' in records[0]!.record)) throw new UserError(`${file}: the header has no "file" column`);
  return records.map((r) => ({ row: r.record, line: r.info.lines }));
}

function parseTags(tags: string | string[] | null | undefined): string[] | null {
  if (tags === undefined || tags === null) return null;
  const list = Array.isArray(tags) ? tags : tags.split(/[\s,]+/);
  const clean = list.map((t) => t.trim()).filter((t) => t !== '');
  return clean.length > 0 ? clean : null;
}
