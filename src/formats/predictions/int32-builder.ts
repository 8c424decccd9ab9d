/** An append-only Int32 buffer that grows by doubling; allocation follows the data, never a size read from a header. */
export class Int32Builder {
  private buf: Int32Array;
  length = 0;

  constructor(initialCapacity = 1024) {
    this.buf = new Int32Array(Math.max(16, initialCapacity));
  }

  push(v: number): void {
    if (this.length === this.buf.length) this.grow();
    this.buf[this.length++] = v;
  }

  /** Makes room for `capacity` values in all, so that pushing that many allocates nothing more. */
  reserve(capacity: number): void {
    if (capacity <= this.buf.length) return;
    const next = new Int32Array(capacity);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  /** Reads a value already pushed (0 ≤ i < length). */
  at(i: number): number {
    return this.buf[i]!;
  }

  /** Overwrites a value already pushed (0 ≤ i < length). */
  set(i: number, v: number): void {
    this.buf[i] = v;
  }

  /**
   * The values pushed so far, as a view of the buffer: no copy, and the unused tail (never written, so never paged
   * in) costs address space only. Push nothing more afterwards.
   */
  view(): Int32Array {
    return this.buf.subarray(0, this.length);
  }

  /** The values pushed so far, trimmed to length. */
  toArray(): Int32Array {
    return this.buf.slice(0, this.length);
  }

  private grow(): void {
    const next = new Int32Array(this.buf.length * 2);
    next.set(this.buf);
    this.buf = next;
  }
}
