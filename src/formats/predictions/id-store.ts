import { decodeWtf8, encodeWtf8, hashBytes, maxWtf8Bytes } from './id-bytes.js';

/**
 * Image ids back to back in one byte buffer (their WTF-8 bytes, see id-bytes.ts), with where each starts and, once
 * a hash table needs them ({@link IdStore.hashAll}), their hashes. A million ids cost a few typed arrays instead of
 * a million strings, and comparing an id read from a file with a stored one is a loop over two byte arrays. Row r
 * is `bytes[starts[r], starts[r + 1])`.
 *
 * @example const s = new IdStore(); s.addString('a.jpg', 0, 5); s.id(0) // → 'a.jpg'
 */
export class IdStore {
  bytes = new Uint8Array(1 << 12);
  starts = new Int32Array(1 << 10);
  /** {@link hashBytes} of each id, for rows below {@link IdStore.hashed}. */
  hashes = new Int32Array(0);
  hashed = 0;
  n = 0;
  /**
   * True while every id is UTF-8 and reads the same as a plain (unquoted) CSV field: not empty, no comma or LF, not
   * starting with a quote, space or tab, not ending with a space or tab. Then an id found in the bytes of a CSV line,
   * followed by a comma, is exactly the field a CSV parser would read there (see IdMatcher.scan).
   */
  plainCsv = true;
  /** True while every id sorts strictly after the one before (comparing bytes): then no two are equal. */
  ascending = true;
  /** True while every id is ASCII. */
  ascii = true;
  // What scanField found, for addScanned.
  private scanEnd = 0;
  private scanCommon = 0;

  /**
   * Copies the ASCII bytes from `b[start]` up to the first comma into the space after the last id, and returns the
   * comma's index; returns -1 at an LF first, or at a byte that is not ASCII. Nothing counts as added until
   * {@link IdStore.addScanned}. `b` must end with an LF (it stops the loops). One pass copies, checks for ASCII and
   * compares with the previous id.
   */
  scanField(b: Uint8Array, start: number): number {
    const at = this.room(b.length - start);
    const bytes = this.bytes;
    const prev = this.starts[this.n === 0 ? 0 : this.n - 1]!;
    const prevLen = at - prev;
    let j = 0;
    let c = b[start]!;
    // The prefix shared with the previous id (sorted ids share long ones), then the rest.
    while (j < prevLen && c === bytes[prev + j] && c !== 44 && c !== 10) {
      bytes[at + j] = c;
      c = b[start + ++j]!;
    }
    const common = j;
    while (c !== 44) {
      if (c === 10 || c >= 0x80) return -1;
      bytes[at + j] = c;
      c = b[start + ++j]!;
    }
    if (!this.ascii) for (let i = 0; i < common; i++) if (bytes[at + i]! >= 0x80) return -1;
    this.scanEnd = at + j;
    this.scanCommon = common;
    return start + j;
  }

  /** Adds the id {@link IdStore.scanField} just copied; returns its row. */
  addScanned(): number {
    const at = this.starts[this.n]!;
    const end = this.scanEnd;
    const len = end - at;
    const bytes = this.bytes;
    if (this.n > 0) {
      const prev = this.starts[this.n - 1]!;
      const prevLen = at - prev;
      const j = this.scanCommon;
      const after = j < prevLen && j < len ? bytes[at + j]! > bytes[prev + j]! : len > prevLen;
      if (!after) this.ascending = false;
    }
    if (len === 0 || isBlank(bytes[at]!) || bytes[at] === 34 || isBlank(bytes[end - 1]!)) this.plainCsv = false;
    return this.close(end);
  }

  /** Appends the id `text[start, end)`; returns its row. */
  addString(text: string, start: number, end: number): number {
    const at = this.room(maxWtf8Bytes(end - start));
    const stop = encodeWtf8(text, start, end, this.bytes, at);
    if (stop - at !== end - start) this.ascii = false;
    if (this.plainCsv && !isPlainCsv(text.slice(start, end))) this.plainCsv = false;
    const row = this.close(stop);
    if (row > 0 && !this.followsPrevious(row)) this.ascending = false;
    return row;
  }

  /** Makes room for `rows` ids of `bytes` bytes in all (an estimate: more still fits, by growing). */
  reserve(rows: number, bytes: number): void {
    if (bytes > this.bytes.length) this.resizeBytes(bytes);
    if (rows + 1 > this.starts.length) {
      const next = new Int32Array(rows + 1);
      next.set(this.starts.subarray(0, this.n + 1));
      this.starts = next;
    }
  }

  /** Computes the hashes of the ids added since the last call. */
  hashAll(): void {
    if (this.hashes.length < this.starts.length) {
      const next = new Int32Array(this.starts.length);
      next.set(this.hashes.subarray(0, this.hashed));
      this.hashes = next;
    }
    const { bytes, starts, hashes } = this;
    for (let r = this.hashed; r < this.n; r++) hashes[r] = hashBytes(bytes, starts[r]!, starts[r + 1]!);
    this.hashed = this.n;
  }

  /** True when id `row` (> 0) sorts strictly after id `row - 1`, comparing bytes. */
  private followsPrevious(row: number): boolean {
    const b = this.bytes;
    const s0 = this.starts[row - 1]!;
    const s1 = this.starts[row]!;
    const e1 = this.starts[row + 1]!;
    const len0 = s1 - s0;
    const len1 = e1 - s1;
    const len = len0 < len1 ? len0 : len1;
    for (let j = 0; j < len; j++) {
      const d = b[s1 + j]! - b[s0 + j]!;
      if (d !== 0) return d > 0;
    }
    return len1 > len0;
  }

  /** Id `row` as a string (for messages and callers that want strings). */
  id(row: number): string {
    return decodeWtf8(this.bytes, this.starts[row]!, this.starts[row + 1]!);
  }

  /** Where the next id's bytes go, with room for `len` of them. */
  private room(len: number): number {
    const at = this.starts[this.n]!;
    if (at + len > this.bytes.length) {
      let size = this.bytes.length * 2;
      while (at + len > size) size *= 2;
      this.resizeBytes(size);
    }
    return at;
  }

  private resizeBytes(size: number): void {
    const next = new Uint8Array(size);
    next.set(this.bytes.subarray(0, this.starts[this.n]!));
    this.bytes = next;
  }

  /** Records the id that ends at `stop` and returns its row. */
  private close(stop: number): number {
    const row = this.n;
    if (row + 2 > this.starts.length) {
      const next = new Int32Array(this.starts.length * 2);
      next.set(this.starts);
      this.starts = next;
    }
    this.starts[row + 1] = stop;
    this.n = row + 1;
    return row;
  }
}

const PLAIN_CSV = /^(?![" \t])[^,\n]+(?<![ \t])$/;
const LONE_SURROGATE = /\p{Surrogate}/u;

/** See {@link IdStore.plainCsv}; a lone surrogate has no UTF-8 form. */
function isPlainCsv(id: string): boolean {
  return PLAIN_CSV.test(id) && !LONE_SURROGATE.test(id);
}

const isBlank = (c: number): boolean => c === 32 || c === 9;
