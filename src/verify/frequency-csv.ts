import { stringify } from 'csv-stringify/sync';
import type { FrequencyRow } from './frequency-rows.js';

/** Columns of `heldout crowd frequencies --csv`: the contract's five first, then the interval and provenance. */
export const FREQUENCY_COLUMNS = ['image', 'wnid', 'selected', 'shown', 'frequency', 'lower', 'upper', 'roles', 'items'] as const;

const num = (x: number | null) => (x === null ? '' : String(x));

/** RFC 4180 CSV of frequency rows (empty frequency and interval for images nobody has seen yet). */
export function frequencyCsv(rows: ReadonlyArray<FrequencyRow & { posterior?: number }>, { posterior = false } = {}): string {
  const header = [...FREQUENCY_COLUMNS, ...(posterior ? ['posterior'] : [])];
  return stringify([header, ...rows.map((r) => [
    r.image, r.wnid, r.selected, r.shown, num(r.frequency), num(r.lower), num(r.upper), r.roles.join('|'), r.items.join('|'),
    ...(posterior ? [r.posterior === undefined || Number.isNaN(r.posterior) ? '' : String(r.posterior)] : []),
  ])]);
}
