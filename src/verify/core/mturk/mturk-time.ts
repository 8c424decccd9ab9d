const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
/** UTC offsets (hours) of the zone abbreviations MTurk writes; it writes the requester's US zone, mostly PST/PDT. */
const ZONES: Readonly<Record<string, number>> = {
  UTC: 0, GMT: 0, PST: -8, PDT: -7, MST: -7, MDT: -6, CST: -6, CDT: -5, EST: -5, EDT: -4, AKST: -9, AKDT: -8, HST: -10,
};
const RE = /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([A-Z]{1,5}) (\d{4})$/;

/**
 * Parses an MTurk batch-results time (`%a %b %d %H:%M:%S %Z %Y`, e.g. `Tue Dec 11 10:02:11 PST 2018`) to ISO-8601 UTC.
 * The weekday must match the date (a cheap check against shifted or mangled columns). Throws a RangeError otherwise.
 *
 * @example
 * parseMturkTime('Tue Dec 11 10:02:11 PST 2018') // → '2018-12-11T18:02:11.000Z'
 */
export function parseMturkTime(text: string): string {
  const m = RE.exec(text.trim());
  if (!m) throw new RangeError(`not an MTurk time like "Tue Dec 11 10:02:11 PST 2018": "${text}"`);
  const [, day, mon, dd, hh, mi, ss, zone, yyyy] = m;
  const offset = ZONES[zone!];
  if (offset === undefined) throw new RangeError(`unknown time zone ${zone} in "${text}" (known: ${Object.keys(ZONES).join(', ')})`);
  const month = MONTHS.indexOf(mon!);
  const [d, h, min, s, y] = [Number(dd), Number(hh), Number(mi), Number(ss), Number(yyyy)];
  const local = new Date(Date.UTC(y, month, d, h, min, s));
  if (local.getUTCDate() !== d || h > 23 || min > 59 || s > 59) throw new RangeError(`no such time: "${text}"`);
  if (DAYS[local.getUTCDay()] !== day) throw new RangeError(`${mon} ${d} ${y} was a ${DAYS[local.getUTCDay()]}, not a ${day}: "${text}"`);
  return new Date(local.getTime() - offset * 3_600_000).toISOString();
}
