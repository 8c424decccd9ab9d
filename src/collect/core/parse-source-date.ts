export type ParsedDate = { readonly ok: true; readonly iso: string | null } | { readonly ok: false; readonly error: string };

const UNIX = /^\d{1,12}$/;
const FLICKR = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Reads a date from candidate metadata into ISO-8601 UTC (`2013-05-04T10:20:30.000Z`), or null when absent:
 * - unix seconds as digits or a number (Flickr's `dateupload`);
 * - `YYYY-MM-DD HH:MM:SS` (Flickr's `datetaken`, local time of the camera with no zone: read as UTC, since no zone
 *   is known; dates compared against a window of days are off by at most the zone offset);
 * - `YYYY-MM-DD`, and ISO 8601 with `T`, optional seconds/milliseconds and `Z` or an offset.
 * Anything else, and impossible dates like 2013-02-30 or Flickr's `0000-00-00 00:00:00`, is an error (the caller
 * rejects the candidate with reason bad-metadata rather than guessing).
 */
export function parseSourceDate(value: unknown): ParsedDate {
  if (value === undefined || value === null || value === '') return { ok: true, iso: null };
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0) return { ok: false, error: `"${value}" is not unix seconds` };
    return { ok: true, iso: new Date(value * 1000).toISOString() };
  }
  if (typeof value !== 'string') return { ok: false, error: `expected a date, got ${typeof value}` };
  const s = value.trim();
  if (UNIX.test(s)) return { ok: true, iso: new Date(Number(s) * 1000).toISOString() };
  const m = FLICKR.exec(s);
  if (!m) return { ok: false, error: `"${value}" is not a date (expected unix seconds, YYYY-MM-DD HH:MM:SS or ISO 8601)` };
  const [y, mo, d, h = '0', mi = '0', sec = '0', ms = '0'] = m.slice(1, 8);
  const nums = [y, mo, d, h, mi, sec].map(Number) as [number, number, number, number, number, number];
  const [year, month, day, hour, minute, second] = nums;
  const t = Date.UTC(year, month - 1, day, hour, minute, second, Number(ms.padEnd(3, '0')));
  const back = new Date(t);
  if (year < 1800 || back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return { ok: false, error: `"${value}" is not a valid calendar date` };
  }
  return { ok: true, iso: new Date(t - zoneOffsetMs(m[8])).toISOString() };
}

function zoneOffsetMs(zone: string | undefined): number {
  if (!zone || zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
}
