import type { Rejection } from '../core/index.js';

/** Where an entry's bytes are: a file, bytes already in memory, or nowhere (a metadata row whose file is absent). */
export type EntryBytes =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  | { readonly kind: 'missing'; readonly expected: string };

/**
 * One candidate as a source describes it, before any checks. Dates are raw (parsed by the ingest service so that a
 * malformed one becomes a per-file rejection). Sources never throw for one bad row: they set `problem`.
 */
export interface IngestEntry {
  /** Where it came from, for reports: a relative path or `file.csv:12`. */
  readonly where: string;
  readonly bytes: EntryBytes;
  /** Path relative to the ingested folder or metadata file, stored as `source_path`. */
  readonly sourcePath: string | null;
  readonly sourceName: string;
  readonly sourceId: string | null;
  readonly sourceUrl: string | null;
  readonly owner: string | null;
  readonly license: string | null;
  readonly dateTaken: unknown;
  readonly dateUploaded: unknown;
  readonly title: string | null;
  readonly tags: readonly string[] | null;
  readonly wnid: string | null;
  /** Set when the source already knows this entry is bad (malformed row, missing rendition …). */
  readonly problem?: Rejection;
}

/** An entry with every optional field empty: sources spread their own fields over it. */
export function blankEntry(where: string, bytes: EntryBytes, sourceName: string): IngestEntry {
  return {
    where, bytes, sourcePath: null, sourceName, sourceId: null, sourceUrl: null, owner: null, license: null,
    dateTaken: null, dateUploaded: null, title: null, tags: null, wnid: null,
  };
}

const WNID = /^n\d{8}$/;

/** The nearest folder of a relative path named like a wnid (`n02084071/x.jpg` → n02084071), if any. */
export function wnidFromPath(rel: string): string | null {
  const parts = rel.split('/').slice(0, -1).reverse();
  return parts.find((p) => WNID.test(p)) ?? null;
}
