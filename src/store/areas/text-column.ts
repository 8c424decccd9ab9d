/**
 * A column of strings kept as ranges of a few large texts, as Arrow keeps a string column as one buffer and offsets:
 * a million image keys cost three typed arrays instead of a million heap strings, which the garbage collector would
 * otherwise copy on every young-generation collection they survive. A value becomes a string only when read.
 */
export class TextColumn {
  /** @param len per value: its length, or -1 for null. */
  constructor(
    private readonly texts: readonly string[],
    private readonly textOf: Int32Array,
    private readonly start: Int32Array,
    private readonly len: Int32Array,
    readonly length: number,
  ) {}

  /** The value at `i` (null for a null value; undefined past the end). */
  at(i: number): string | null | undefined {
    if (i < 0 || i >= this.length) return undefined;
    const n = this.len[i]!;
    if (n < 0) return null;
    const s = this.start[i]!;
    return this.texts[this.textOf[i]!]!.substring(s, s + n);
  }

  toArray(): Array<string | null> {
    return Array.from({ length: this.length }, (_, i) => this.at(i)!);
  }
}

/**
 * Appends ranges of the texts in `texts`, a list the caller appends to (columns cut from the same texts share it);
 * `build` returns the column (the builder must not be used afterwards).
 */
export class TextColumnBuilder {
  constructor(private readonly texts: readonly string[]) {}

  private textOf = new Int32Array(1024);
  private start = new Int32Array(1024);
  private len = new Int32Array(1024);
  length = 0;

  /** Appends the value `text.substring(start, start + length)` of `texts[t]`, or null when `length` is -1. */
  push(t: number, start: number, length: number): void {
    const i = this.length++;
    if (i === this.len.length) {
      this.textOf = grown(this.textOf);
      this.start = grown(this.start);
      this.len = grown(this.len);
    }
    this.textOf[i] = t;
    this.start[i] = start;
    this.len[i] = length;
  }

  build(): TextColumn {
    return new TextColumn(this.texts, this.textOf, this.start, this.len, this.length);
  }
}

function grown(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
