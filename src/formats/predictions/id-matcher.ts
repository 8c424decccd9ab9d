import { decodeWtf8, finishHash, mixTail, mixWord } from './id-bytes.js';
import type { IdIndex } from './id-index.js';
import { BATCH } from './id-table.js';
import { Int32Builder } from './int32-builder.js';

/**
 * Matches the image ids of prediction rows, in file order, to the rows of the labels' {@link IdIndex}. A row in the
 * labels' order costs a byte comparison with the id the order predicts. Other ids read as bytes wait in a batch of
 * {@link BATCH} and are looked up together ({@link IdIndex.getBatch}), which overlaps their cache misses; the
 * parser calls {@link IdMatcher.flush} before the bytes are reused.
 *
 * @example
 * const m = new IdMatcher(new IdIndex(['a', 'b'])); const b = new TextEncoder().encode('b,1\n');
 * m.scan(b, 0); m.take(b, 0, 2); m.flush(); m.labelRows.view() // → [1]
 */
export class IdMatcher {
  /** For each row taken so far, its label row, or -1 when the labels do not have its id (or it still waits). */
  readonly labelRows = new Int32Builder();
  /** The first id (lowest line) the labels do not have. */
  firstUnknown: { id: string; line: number } | undefined;
  // What scan found: the label row (or -1 for "look it up") and the id's hash.
  private scannedRow = -1;
  private scannedHash = 0;
  // Ids waiting for a batched lookup: bytes `pendingBytes[starts[q], ends[q])`, on line lines[q], for row rows[q].
  private pendingBytes: Uint8Array | undefined;
  private pending = 0;
  private readonly starts = new Int32Array(BATCH);
  private readonly ends = new Int32Array(BATCH);
  private readonly hashes = new Int32Array(BATCH);
  private readonly rows = new Int32Array(BATCH);
  private readonly lines = new Int32Array(BATCH);
  private readonly found = new Int32Array(BATCH);

  constructor(readonly index: IdIndex) {}

  /**
   * Reads the id of a CSV line that starts at `b[s]`, unquoted, up to the first comma: returns the comma's index, or
   * -1 when there is none on the line, or the id is not ASCII and not the one the labels' order predicts (the
   * parser then reads the line as text, which checks its UTF-8). Changes nothing until {@link IdMatcher.take}.
   * The byte array must end with a newline.
   */
  scan(b: Uint8Array, s: number): number {
    const row = this.labelRows.length;
    const store = this.index.store;
    if (row < store.n && store.plainCsv) {
      // The row the labels' order predicts: are its stored bytes, then a comma, the line's? (plainCsv: no stored id
      // has a comma or LF, a leading quote or blanks at its ends, so a match is the field the general path reads.)
      const at = store.starts[row]!;
      const len = store.starts[row + 1]! - at;
      const ids = store.bytes;
      if (b[s + len] === 44 && ids[at + len - 1] === b[s + len - 1]) {
        let j = 0;
        while (j < len && ids[at + j] === b[s + j]) j++;
        if (j === len) {
          this.scannedRow = row;
          return s + len;
        }
      }
    }
    // hashBytes, while looking for the comma: whole words as they fill, then the tail.
    let h = 0;
    let w = 0;
    let shift = 0;
    let high = 0;
    let i = s;
    for (let c = b[i]!; c !== 44; c = b[++i]!) {
      if (c === 10) return -1;
      high |= c;
      w |= c << shift;
      shift += 8;
      if (shift === 32) {
        h = mixWord(h, w);
        w = 0;
        shift = 0;
      }
    }
    if (high >= 0x80) return -1;
    if (shift !== 0) h = mixTail(h, w);
    this.scannedRow = -1;
    this.scannedHash = finishHash(h, i - s);
    return i;
  }

  /** Takes the id `b[s, comma)` that {@link IdMatcher.scan} just read, as the next row, on line `line`. */
  take(b: Uint8Array, s: number, comma: number, line: number): void {
    if (this.scannedRow >= 0) {
      this.labelRows.push(this.scannedRow);
      return;
    }
    if (this.pendingBytes !== b) this.flush();
    this.pendingBytes = b;
    const q = this.pending++;
    this.starts[q] = s;
    this.ends[q] = comma;
    this.hashes[q] = this.scannedHash;
    this.rows[q] = this.labelRows.length;
    this.lines[q] = line;
    this.labelRows.push(-1);
    if (this.pending === BATCH) this.flush();
  }

  /** Matches the id `text[start, end)` at once, as the next row, on line `line`. */
  takeString(text: string, start: number, end: number, line: number): void {
    const index = this.index;
    const next = this.labelRows.length;
    const row = index.isAt(next, text, start, end) ? next : index.getRange(text, start, end);
    this.labelRows.push(row);
    if (row < 0) this.unknown(() => text.slice(start, end), line);
  }

  /** Looks up the ids waiting in the batch; call before their bytes are reused. */
  flush(): void {
    const b = this.pendingBytes;
    const count = this.pending;
    if (b === undefined || count === 0) return;
    this.index.getBatch(b, this.starts, this.ends, this.hashes, count, this.found);
    for (let q = 0; q < count; q++) {
      const row = this.found[q]!;
      this.labelRows.set(this.rows[q]!, row);
      if (row < 0) this.unknown(() => decodeWtf8(b, this.starts[q]!, this.ends[q]!), this.lines[q]!);
    }
    this.pending = 0;
    this.pendingBytes = undefined;
  }

  /** Notes an id the labels do not have; earlier rows may still wait in the batch, so the lowest line wins. */
  private unknown(id: () => string, line: number): void {
    if (this.firstUnknown === undefined || line < this.firstUnknown.line) this.firstUnknown = { id: id(), line };
  }
}
