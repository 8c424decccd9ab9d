/** What frequency rows are ordered by, as columns. */
export interface ReadingKeys {
  readonly length: number;
  /** Position of the row's class in reading order. */
  readonly classRank: Int32Array;
  readonly selected: ArrayLike<number>;
  readonly shown: ArrayLike<number>;
  image(i: number): string;
}

/**
 * Row numbers in reading order: by class rank, then frequency (selected / shown, highest first, unseen last), then
 * shown (most first), then image key in code-unit order.
 *
 * A comparison sort of a million rows spent seconds comparing strings (rows differ mostly by image key). Instead, rows
 * are counted into (class, frequency, shown) groups, which are few, and each group is sorted by a number that
 * holds an order-keeping prefix of the image key (13 hex digits of a sha256, else the first code units) in its high
 * bits and the row's place in the group in its low bits: a native sort of doubles. Rows whose prefixes are equal are
 * then ordered by their whole keys.
 */
export function readingOrder(keys: ReadingKeys): Uint32Array {
  const n = keys.length;
  const { group, groups } = groupsOf(keys);
  // Counting sort by group (stable: rows keep their order within a group until the image sort).
  const start = new Int32Array(groups + 1);
  for (let i = 0; i < n; i++) start[group[i]! + 1]!++;
  let largest = 0;
  for (let g = 0; g < groups; g++) {
    largest = Math.max(largest, start[g + 1]!);
    start[g + 1]! += start[g]!;
  }
  const order = new Uint32Array(n);
  const fill = start.slice(0, groups);
  for (let i = 0; i < n; i++) order[fill[group[i]!]!++] = i;

  const indexBits = Math.max(1, Math.ceil(Math.log2(largest + 1)));
  const prefix = imagePrefixes(keys, 53 - indexBits);
  const scale = 2 ** indexBits;
  const packed = new Float64Array(n);
  const members = order.slice();
  for (let g = 0; g < groups; g++) {
    const s = start[g]!;
    const e = start[g + 1]!;
    if (e - s < 2) continue;
    for (let k = s; k < e; k++) packed[k] = prefix[members[k]!]! * scale + (k - s);
    packed.subarray(s, e).sort();
    for (let k = s; k < e; k++) order[k] = members[s + (packed[k]! % scale)]!;
    sortEqualPrefixes(order, packed, s, e, scale, keys);
  }
  return order;
}

/** Rows numbered by (class rank, frequency descending with unseen last, shown descending) in that order. */
function groupsOf(keys: ReadingKeys): { group: Int32Array; groups: number } {
  const n = keys.length;
  // Distinct (selected, shown) combinations are few (crowd counts are small), so they are ranked once.
  const comboOf = new Map<number, number>();
  const combos: Array<{ selected: number; shown: number }> = [];
  const combo = new Int32Array(n);
  let classes = 0;
  for (let i = 0; i < n; i++) {
    const shown = keys.shown[i]!;
    const selected = keys.selected[i]!;
    const key = (shown * (shown + 1)) / 2 + selected;
    let c = comboOf.get(key);
    if (c === undefined) {
      c = combos.push({ selected, shown }) - 1;
      comboOf.set(key, c);
    }
    combo[i] = c;
    classes = Math.max(classes, keys.classRank[i]! + 1);
  }
  const frequency = (c: { selected: number; shown: number }) => (c.shown === 0 ? -1 : c.selected / c.shown);
  const ranked = combos.map((c, k) => ({ c, k })).sort((a, b) => frequency(b.c) - frequency(a.c) || b.c.shown - a.c.shown);
  const rank = new Int32Array(combos.length);
  ranked.forEach(({ k }, r) => { rank[k] = r; });
  const group = new Int32Array(n);
  for (let i = 0; i < n; i++) group[i] = keys.classRank[i]! * combos.length + rank[combo[i]!]!;
  return { group, groups: classes * combos.length };
}

/**
 * Per row, a number below 2^bits that orders as the image keys do wherever it differs: the first hex digits when every
 * key starts with enough lowercase hex digits (sha256 keys), else the first UTF-16 code units, 16 bits each.
 */
function imagePrefixes(keys: ReadingKeys, bits: number): Float64Array {
  const n = keys.length;
  const out = new Float64Array(n);
  const digits = Math.floor(bits / 4);
  let hex = digits > 0;
  for (let i = 0; i < n && hex; i++) {
    const s = keys.image(i);
    let v = 0;
    for (let j = 0; j < digits; j++) {
      const c = s.charCodeAt(j);
      const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1;
      if (d < 0) {
        hex = false;
        break;
      }
      v = v * 16 + d;
    }
    out[i] = v;
  }
  if (hex) return out;
  const units = Math.floor(bits / 16);
  for (let i = 0; i < n; i++) {
    const s = keys.image(i);
    let v = 0;
    // Past the end counts as 0, below every character but U+0000, which ties and is settled by the whole keys.
    for (let j = 0; j < units; j++) v = v * 65536 + (j < s.length ? s.charCodeAt(j) : 0);
    out[i] = v;
  }
  return out;
}

/** Orders runs of rows with equal prefixes (between `s` and `e`) by their whole image keys. */
function sortEqualPrefixes(order: Uint32Array, packed: Float64Array, s: number, e: number, scale: number, keys: ReadingKeys): void {
  let runStart = s;
  for (let k = s + 1; k <= e; k++) {
    if (k < e && Math.floor(packed[k]! / scale) === Math.floor(packed[runStart]! / scale)) continue;
    if (k - runStart > 1) {
      const run = Array.from(order.subarray(runStart, k), (i) => ({ i, image: keys.image(i) }));
      run.sort((a, b) => (a.image < b.image ? -1 : a.image > b.image ? 1 : a.i - b.i));
      run.forEach(({ i }, j) => { order[runStart + j] = i; });
    }
    runStart = k;
  }
}
