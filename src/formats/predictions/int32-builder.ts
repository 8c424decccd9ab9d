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

  /** Reads a value already pushed (0 ≤ i < length). */
  at(i: number): number {
    return this.buf[i]!;
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
