import type { IdStore } from './id-store.js';

/** Lookups {@link IdTable.findBatch} stages together: their cache lines (a few KiB) stay in cache between stages. */
export const BATCH = 256;

/**
 * An open-addressing hash table (linear probing) over the ids of an {@link IdStore}. A slot is four int32s, (row + 1,
 * hash, start, length), 0 meaning empty, so a slot whose hash matches leads straight to the id's bytes: a lookup
 * touches two random places in memory (the slot and the id), one cache line each. The table stays at most half
 * full, doubling as ids are inserted.
 *
 * Random accesses into tables of tens of MB dominate the cost of a lookup (each a cache and TLB miss, some 100–300
 * ns here), so {@link IdTable.findBatch} looks ids up a batch at a time, in stages, so that the CPU can overlap
 * those misses rather than wait for each in turn.
 */
export class IdTable {
  private slots: Int32Array;
  private mask: number;
  private count = 0;
  /** Scratch for findBatch. */
  private readonly cand = new Int32Array(BATCH);
  /** Kept so the touching loads of findBatch are not optimised away. */
  sink = 0;

  constructor(private readonly store: IdStore, expected = 0) {
    let size = 16;
    while (size < expected * 2) size *= 2;
    this.slots = new Int32Array(4 * size);
    this.mask = size - 1;
  }

  /** Inserts stored row `row`; returns the row already holding the same id (nothing inserted), or -1. */
  insert(row: number): number {
    const store = this.store;
    if (row >= store.hashed) store.hashAll();
    const start = store.starts[row]!;
    const len = store.starts[row + 1]! - start;
    const h = store.hashes[row]!;
    const found = this.find(store.bytes, start, start + len, h);
    if (found >= 0) return found;
    if (2 * (this.count + 1) > this.mask + 1) this.grow();
    this.put(row + 1, h, start, len);
    this.count++;
    return -1;
  }

  /** Inserts stored rows `from` to `to`, known to be distinct from each other and from all rows in the table. */
  insertDistinct(from: number, to: number): void {
    this.store.hashAll();
    const { starts, hashes } = this.store;
    while (2 * (this.count + to - from) > this.mask + 1) this.grow();
    for (let r0 = from; r0 < to; r0 += BATCH) {
      const r1 = Math.min(to, r0 + BATCH);
      // Touch the home slots of a batch first, so that their cache misses overlap (see findBatch).
      let sink = 0;
      for (let r = r0; r < r1; r++) sink ^= this.slots[(hashes[r]! & this.mask) << 2]!;
      this.sink = sink;
      for (let r = r0; r < r1; r++) this.put(r + 1, hashes[r]!, starts[r]!, starts[r + 1]! - starts[r]!);
    }
    this.count += to - from;
  }

  /** The row of the id `b[start, end)`, whose {@link hashBytes} is `h`, or -1. */
  find(b: Uint8Array, start: number, end: number, h: number): number {
    return this.probe(b, start, end, h, h & this.mask);
  }

  /**
   * Looks up `count` ≤ {@link BATCH} ids `b[starts[q], ends[q])` with hashes `hashes[q]`, writing each one's row (or
   * -1) to `out[q]`. The same answers as {@link IdTable.find}, in stages over the whole batch: touch each id's home
   * slot, then find the slot with its hash and touch the stored id, then compare. No stage waits on a miss of another
   * lookup.
   */
  findBatch(b: Uint8Array, starts: Int32Array, ends: Int32Array, hashes: Int32Array, count: number, out: Int32Array): void {
    const slots = this.slots;
    const mask = this.mask;
    const cand = this.cand;
    const ids = this.store.bytes;
    let sink = 0;
    for (let q = 0; q < count; q++) sink ^= slots[((hashes[q]! & mask) << 2) | 1]!;
    for (let q = 0; q < count; q++) {
      const h = hashes[q]!;
      let slot = h & mask;
      while (slots[slot << 2] !== 0 && slots[(slot << 2) | 1] !== h) slot = (slot + 1) & mask;
      cand[q] = slot;
      sink ^= ids[slots[(slot << 2) | 2]!]!;
    }
    for (let q = 0; q < count; q++) {
      const slot = cand[q]!;
      const s = starts[q]!;
      const e = ends[q]!;
      const p = slot << 2;
      if (slots[p] === 0) out[q] = -1;
      else out[q] = slots[p + 3] === e - s && sameBytes(ids, slots[p + 2]!, b, s, e - s) ? slots[p]! - 1 : this.probe(b, s, e, hashes[q]!, (slot + 1) & mask);
    }
    this.sink = sink;
  }

  private probe(b: Uint8Array, start: number, end: number, h: number, from: number): number {
    const slots = this.slots;
    const mask = this.mask;
    const len = end - start;
    const ids = this.store.bytes;
    for (let slot = from; ; slot = (slot + 1) & mask) {
      const p = slot << 2;
      const entry = slots[p]!;
      if (entry === 0) return -1;
      if (slots[p + 1] === h && slots[p + 3] === len && sameBytes(ids, slots[p + 2]!, b, start, len)) return entry - 1;
    }
  }

  private put(entry: number, h: number, start: number, len: number): void {
    const slots = this.slots;
    let slot = h & this.mask;
    while (slots[slot << 2] !== 0) slot = (slot + 1) & this.mask;
    const p = slot << 2;
    slots[p] = entry;
    slots[p + 1] = h;
    slots[p + 2] = start;
    slots[p + 3] = len;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = this.mask * 2 + 1;
    for (let p = 0; p < old.length; p += 4) if (old[p] !== 0) this.put(old[p]!, old[p + 1]!, old[p + 2]!, old[p + 3]!);
  }
}

/** True when `a[at, at + len)` equals `b[start, start + len)`. */
export function sameBytes(a: Uint8Array, at: number, b: Uint8Array, start: number, len: number): boolean {
  for (let j = 0; j < len; j++) if (a[at + j] !== b[start + j]) return false;
  return true;
}
