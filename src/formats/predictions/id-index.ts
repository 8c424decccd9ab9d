import { encodeWtf8, hashBytes, maxWtf8Bytes } from './id-bytes.js';
import { IdStore } from './id-store.js';
import { IdTable, sameBytes } from './id-table.js';

/**
 * The labels' image ids with a lookup from id to row, used to match prediction rows to labels while parsing. The
 * ids live as bytes in an {@link IdStore}. Rows that come in the labels' order are matched by comparing bytes with
 * the row the order predicts ({@link IdIndex.isAtBytes}); the {@link IdTable} behind the other lookups is built on
 * the first row that does not match. Nothing here makes a string per id: {@link IdIndex.ids} does so only when asked.
 *
 * @example new IdIndex(['a.jpg', 'b.jpg']).get('b.jpg') // → 1
 */
export class IdIndex {
  private idList: readonly string[] | undefined;
  private table: IdTable | undefined;
  private scratch = new Uint8Array(256);
  readonly store: IdStore;

  /** From distinct ids (strings), or from a store of distinct ids (and its table, if one was built already). */
  constructor(ids: readonly string[] | IdStore, table?: IdTable) {
    if (ids instanceof IdStore) {
      this.store = ids;
    } else {
      this.idList = ids;
      this.store = new IdStore();
      for (const id of ids) this.store.addString(id, 0, id.length);
    }
    this.table = table;
  }

  /** Number of ids. */
  get size(): number {
    return this.store.n;
  }

  /** The ids as strings, in row order (made on first use). */
  get ids(): readonly string[] {
    this.idList ??= Array.from({ length: this.store.n }, (_, row) => this.store.id(row));
    return this.idList;
  }

  /** Id `row` as a string. */
  id(row: number): string {
    return this.idList?.[row] ?? this.store.id(row);
  }

  /** The row of `id`, or -1. */
  get(id: string): number {
    return this.getRange(id, 0, id.length);
  }

  /** The row of the id `text[start, end)`, or -1. */
  getRange(text: string, start: number, end: number): number {
    const stop = this.encode(text, start, end);
    return this.getBytes(this.scratch, 0, stop, hashBytes(this.scratch, 0, stop));
  }

  /** True when row `row` has the id `text[start, end)`. */
  isAt(row: number, text: string, start: number, end: number): boolean {
    if (row >= this.store.n) return false;
    const stop = this.encode(text, start, end);
    return this.isAtBytes(row, this.scratch, 0, stop);
  }

  /** The row of the id `b[start, end)` whose {@link hashBytes} is `h`, or -1. */
  getBytes(b: Uint8Array, start: number, end: number, h: number): number {
    return (this.table ?? this.build()).find(b, start, end, h);
  }

  /** True when row `row` has the id `b[start, end)`: the cheap check for files in the same order. */
  isAtBytes(row: number, b: Uint8Array, start: number, end: number): boolean {
    const store = this.store;
    if (row >= store.n) return false;
    const at = store.starts[row]!;
    const len = end - start;
    // Ids mostly differ at the end (numbered files): compare the last byte first.
    return store.starts[row + 1]! - at === len && (len === 0 || store.bytes[at + len - 1] === b[end - 1]) && sameBytes(store.bytes, at, b, start, len);
  }

  /** {@link IdTable.findBatch}: many lookups at once, their memory accesses overlapped. */
  getBatch(b: Uint8Array, starts: Int32Array, ends: Int32Array, hashes: Int32Array, count: number, out: Int32Array): void {
    (this.table ?? this.build()).findBatch(b, starts, ends, hashes, count, out);
  }

  /** Writes the WTF-8 bytes of `text[start, end)` to the scratch buffer; returns their length. */
  private encode(text: string, start: number, end: number): number {
    const need = maxWtf8Bytes(end - start);
    if (need > this.scratch.length) this.scratch = new Uint8Array(need);
    return encodeWtf8(text, start, end, this.scratch, 0);
  }

  private build(): IdTable {
    const table = new IdTable(this.store, this.store.n);
    table.insertDistinct(0, this.store.n);
    this.table = table;
    return table;
  }
}
