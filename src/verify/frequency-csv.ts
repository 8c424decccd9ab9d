import type { FrequencyRow } from './frequency-rows.js';

/** Columns of `heldout crowd frequencies --csv`: the contract's five first, then the interval and provenance. */
export const FREQUENCY_COLUMNS = ['image', 'wnid', 'selected', 'shown', 'frequency', 'lower', 'upper', 'roles', 'items'] as const;

/** Rows per chunk: a million rows stream out in ~1 MB pieces instead of one string of hundreds of MB. */
const ROWS_PER_CHUNK = 8192;

type CsvRow = FrequencyRow & { readonly posterior?: number };

/**
 * RFC 4180 CSV of `count` frequency rows, made one at a time by `rowAt`, in chunks (empty frequency and interval for
 * images nobody has seen yet). Fields are quoted as csv-stringify quotes them (a comma, quote or newline inside); the
 * rows are written here because csv-stringify spent ~3 µs per row, most of the time of printing a million of them.
 */
export function* frequencyCsvChunks(count: number, rowAt: (k: number) => CsvRow, { posterior = false } = {}): Generator<string> {
  let lines: string[] = [[...FREQUENCY_COLUMNS, ...(posterior ? ['posterior'] : [])].join(',')];
  const counts = new CountsText();
  for (let k = 0; k < count; k++) {
    const r = rowAt(k);
    let line = `${field(r.image)},${field(r.wnid)},${counts.text(r)},${field(r.roles.join('|'))},${field(r.items.join('|'))}`;
    if (posterior) line += `,${r.posterior === undefined || Number.isNaN(r.posterior) ? '' : String(r.posterior)}`;
    lines.push(line);
    if (lines.length >= ROWS_PER_CHUNK) {
      yield `${lines.join('\n')}\n`;
      lines = [];
    }
  }
  if (lines.length > 0) yield `${lines.join('\n')}\n`;
}

/** The whole CSV as one string (small tables). */
export function frequencyCsv(rows: readonly CsvRow[], options: { posterior?: boolean } = {}): string {
  return [...frequencyCsvChunks(rows.length, (k) => rows[k]!, options)].join('');
}

const num = (x: number | null) => (x === null ? '' : String(x));

/**
 * `selected,shown,frequency,lower,upper` of a row. Rows share a few hundred (selected, shown) pairs, and turning three
 * doubles into text per row was a third of printing a million rows: the text is kept per pair and reused while the
 * row's numbers are the very ones it was made from.
 */
class CountsText {
  private readonly cache = new Map<number, { frequency: number | null; lower: number | null; upper: number | null; text: string }>();

  text(r: FrequencyRow): string {
    const key = r.shown * 1_000_003 + r.selected;
    const hit = this.cache.get(key);
    if (hit && hit.frequency === r.frequency && hit.lower === r.lower && hit.upper === r.upper) return hit.text;
    const text = `${r.selected},${r.shown},${num(r.frequency)},${num(r.lower)},${num(r.upper)}`;
    if (this.cache.size < 100_000) this.cache.set(key, { frequency: r.frequency, lower: r.lower, upper: r.upper, text });
    return text;
  }
}

/** Quoted as csv-stringify quotes by default: when the field holds a comma, a quote, a line feed or a carriage return. */
function field(s: string): string {
  return s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0 ? s : `"${s.replaceAll('"', '""')}"`;
}
