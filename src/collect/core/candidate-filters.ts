import type { Rejection } from './reject-reasons.js';

/** A half-open date window [from, to) on ISO-8601 UTC times; either end may be open. */
export interface DateWindow {
  readonly from?: string;
  readonly to?: string;
}

/** The filters of one ingest; every field is optional and an absent one lets everything through. */
export interface FilterRules {
  readonly uploaded?: DateWindow;
  readonly taken?: DateWindow;
  /** Minimum pixel size after EXIF orientation: both width ≥ minWidth and height ≥ minHeight. */
  readonly minWidth?: number;
  readonly minHeight?: number;
  /** Licence values allowed (compared as trimmed, case-insensitive text); absent = any licence. */
  readonly licences?: readonly string[];
}

/** What the metadata filters look at (known before decoding). */
export interface MetadataFacts {
  readonly license: string | null;
  /** ISO-8601 UTC, already parsed. */
  readonly dateUploaded: string | null;
  readonly dateTaken: string | null;
}

/**
 * The metadata filters in a fixed order (licence, upload window, taken window): the first that fails is the
 * reason. A window set on a date the candidate lacks rejects it, since it cannot be shown to lie inside.
 */
export function checkMetadata(facts: MetadataFacts, rules: FilterRules): Rejection | undefined {
  if (rules.licences) {
    const allowed = new Set(rules.licences.map(normaliseLicence));
    if (facts.license === null || !allowed.has(normaliseLicence(facts.license))) {
      return { reason: 'licence-not-allowed', detail: `licence ${facts.license === null ? 'unknown' : `"${facts.license}"`} is not one of ${rules.licences.join(', ')}` };
    }
  }
  const up = outside(facts.dateUploaded, rules.uploaded);
  if (up) return { reason: 'uploaded-outside-window', detail: `uploaded ${up}` };
  const taken = outside(facts.dateTaken, rules.taken);
  if (taken) return { reason: 'taken-outside-window', detail: `taken ${taken}` };
  return undefined;
}

/** The resolution filter, once the decoded (and EXIF-rotated) size is known. */
export function checkResolution(width: number, height: number, rules: FilterRules): Rejection | undefined {
  const w = rules.minWidth ?? 0;
  const h = rules.minHeight ?? 0;
  if (width >= w && height >= h) return undefined;
  return { reason: 'too-small', detail: `${width}×${height} is below the minimum ${w}×${h}` };
}

function normaliseLicence(l: string): string {
  return l.trim().toLowerCase();
}

function outside(iso: string | null, w: DateWindow | undefined): string | undefined {
  if (!w || (w.from === undefined && w.to === undefined)) return undefined;
  const range = `[${w.from ?? '…'}, ${w.to ?? '…'})`;
  if (iso === null) return `date unknown, window ${range}`;
  const t = Date.parse(iso);
  if (w.from !== undefined && t < Date.parse(w.from)) return `${iso}, before the window ${range}`;
  if (w.to !== undefined && t >= Date.parse(w.to)) return `${iso}, after the window ${range}`;
  return undefined;
}
