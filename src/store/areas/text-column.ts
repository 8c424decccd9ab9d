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

  /** An empty column. */
  static empty(): TextColumn {
    return new TextColumn([], new Int32Array(0), new Int32Array(0), new Int32Array(0), 0);
  }

  /** A column of the given values (tests and small reads). */
  static of(values: ReadonlyArray<string | null>): TextColumn {
    const b = new TextColumnBuilder();
    const text = values.map((v) => v ?? '').join('');
    const t = b.addText(text);
    let at = 0;
    for (const v of values) {
      b.push(t, at, v === null ? -1 : v.length);
      at += v?.length ?? 0;
    }
    return b.build();
  }

  /** The value at `i` (null for a null value; undefined past the end). */
  at(i: number): string | null | undefined {
    if (i < 0 || i >= this.length) return undefined;
    const n = this.len[i]!;
    if (n < 0) return null;
    const s = this.start[i]!;
    return this.texts[this.textOf[i]!]!.substring(s, s + n);
  }

  /** Length of the value at `i` in UTF-16 code units (-1 for null) without making the string. */
  lengthAt(i: number): number {
    return this.len[i] ?? -1;
  }

  toArray(): Array<string | null> {
    return Array.from({ length: this.length }, (_, i) => this.at(i)!);
  }
}

/** Appends ranges of texts; `build` returns the column (the builder must not be used afterwards). */
export class TextColumnBuilder {
  private readonly texts: string[] = [];
  private textOf = new Int32Array(1024);
  private start = new Int32Array(1024);
  private len = new Int32Array(1024);
  length = 0;

  /** Registers a text that later ranges point into; returns its number. */
  addText(text: string): number {
    return this.texts.push(text) - 1;
  }

  /** Appends the value `text.substring(start, start + length)` of text number `t`, or null when `length` is -1. */
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
