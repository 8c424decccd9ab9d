/**
 * Where each id's characters can be read fast. Ids sliced out of a decoded block of the file are "sliced strings"
 * in V8, and reading their characters costs extra indirections; the block itself is a flat string. Row i's id is
 * `blocks[at[3i]]` from `at[3i + 1]`, `at[3i + 2]` characters long (one array, so a lookup touches one place).
 */
export interface IdSource {
  readonly blocks: readonly string[];
  readonly at: Int32Array;
  /** idHash of each id. */
  readonly hashes: Int32Array;
}

/**
 * The labels' image ids with a lookup from id to row, used to match prediction rows to labels while parsing. Rows
 * that come in the labels' order are matched by checking the row the order predicts; the hash table behind
 * {@link IdIndex.getRange} is built on the first row that does not. It is an open-addressing table of (row, hash)
 * pairs keyed by {@link idHash}: unlike a `Map<string, number>` it needs no string per looked-up id, and an id's
 * characters are compared only with the row whose hash matches. For a million shuffled ids that is a few cache
 * misses per lookup instead of a Map's string hashing and pointer chasing.
 *
 * @example new IdIndex(['a.jpg', 'b.jpg']).get('b.jpg') // → 1
 */
export class IdIndex {
  private table: Int32Array | undefined;
  private mask = 0;
  private readonly source: IdSource;

  /** `ids` must be distinct (the label parsers guarantee it). */
  constructor(readonly ids: readonly string[], source?: IdSource) {
    this.source = source ?? sourceOf(ids);
  }

  /** The row of `id`, or -1. */
  get(id: string): number {
    return this.getRange(id, 0, id.length);
  }

  /** The row of the id `text[start, end)`, or -1. */
  getRange(text: string, start: number, end: number): number {
    const table = this.table ?? this.build();
    const h = idHash(text, start, end);
    for (let slot = (h & this.mask) << 1; ; slot = (slot + 2) & (this.mask << 1 | 1)) {
      const entry = table[slot]!;
      if (entry === 0) return -1;
      if (table[slot + 1] === h && this.isAt(entry - 1, text, start, end)) return entry - 1;
    }
  }

  /** True when row `row` has the id `text[start, end)`: the cheap check for files in the same order. */
  isAt(row: number, text: string, start: number, end: number): boolean {
    const at = this.source.at;
    const len = end - start;
    if (row >= this.ids.length || at[3 * row + 2] !== len) return false;
    const src = this.source.blocks[at[3 * row]!]!;
    const from = at[3 * row + 1]!;
    for (let j = 0; j < len; j++) if (text.charCodeAt(start + j) !== src.charCodeAt(from + j)) return false;
    return true;
  }

  private build(): Int32Array {
    let size = 16;
    while (size < this.ids.length * 2) size *= 2;
    const table = new Int32Array(2 * size); // (row + 1, hash) pairs; row + 1 = 0 is empty
    this.mask = size - 1;
    const hashes = this.source.hashes;
    for (let row = 0; row < this.ids.length; row++) {
      let slot = hashes[row]! & this.mask;
      while (table[2 * slot] !== 0) slot = (slot + 1) & this.mask;
      table[2 * slot] = row + 1;
      table[2 * slot + 1] = hashes[row]!;
    }
    this.table = table;
    return table;
  }
}

/** FNV-1a over the UTF-16 code units of `s[start, end)`, with the high bits folded into the low ones. */
export function idHash(s: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h ^ (h >>> 15);
}

/** An IdSource that reads each id from itself. */
function sourceOf(ids: readonly string[]): IdSource {
  const at = new Int32Array(3 * ids.length);
  ids.forEach((id, i) => {
    at[3 * i] = i;
    at[3 * i + 2] = id.length;
  });
  return { blocks: ids, at, hashes: Int32Array.from(ids, (id) => idHash(id, 0, id.length)) };
}
