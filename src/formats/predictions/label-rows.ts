import { UserError } from '../../errors.js';
import { IdIndex, idHash } from './id-index.js';
import { Int32Builder } from './int32-builder.js';
import type { LabelTable, TableFormat } from './tables.js';

/**
 * Collects one class index per image. Keyed formats must not repeat an image_id: while ids arrive in strictly
 * increasing order (the usual case: files written sorted) that needs only a comparison with the previous id; the
 * first id out of order switches to an id → row map.
 */
export class LabelRows {
  private readonly labels = new Int32Builder();
  private readonly ids: string[] = [];
  private readonly lines = new Int32Builder();
  private readonly hashes = new Int32Builder();
  private readonly blocks: string[] = [];
  private readonly at = new Int32Builder(); // (block, start, length) per row, see IdSource
  private rowOf: Map<string, number> | undefined;
  private last = '';

  constructor(readonly file: string) {}

  get n(): number {
    return this.labels.length;
  }

  /** Adds an ordered row. */
  add(cls: number): void {
    this.labels.push(cls);
  }

  /** Adds a keyed row whose id is `text[start, end)`, remembering where to read it fast (see IdSource). */
  addKeyedRange(text: string, start: number, end: number, cls: number, line: number): void {
    this.addKeyed(text.slice(start, end), cls, line, text, start, idHash(text, start, end));
  }

  /** Adds a keyed row; a repeated image id is a UserError naming both lines. */
  addKeyed(id: string, cls: number, line: number, text = id, start = 0, hash = idHash(id, 0, id.length)): void {
    const row = this.labels.length;
    if (this.rowOf === undefined && !(row === 0 || id > this.last)) {
      this.rowOf = new Map();
      for (let i = 0; i < row; i++) this.rowOf.set(this.ids[i]!, i);
    }
    if (this.rowOf !== undefined) {
      const first = this.rowOf.get(id);
      if (first !== undefined) {
        throw new UserError(`${this.file}:${line}: image_id ${JSON.stringify(id)} appears twice (first on line ${this.lines.at(first)})`);
      }
      this.rowOf.set(id, row);
    }
    this.last = id;
    this.ids.push(id);
    this.hashes.push(hash);
    if (this.blocks[this.blocks.length - 1] !== text) this.blocks.push(text);
    this.at.push(this.blocks.length - 1);
    this.at.push(start);
    this.at.push(id.length);
    this.lines.push(line);
    this.labels.push(cls);
  }

  table(format: TableFormat, keyed: boolean): LabelTable {
    const ordered = orderedLabelTable(this.file, format, this.labels.toArray());
    if (!keyed) return ordered;
    const idIndex = new IdIndex(this.ids, { blocks: this.blocks, at: this.at.toArray(), hashes: this.hashes.toArray() });
    return { ...ordered, join: 'id', ids: this.ids, idIndex, lines: this.lines.toArray() };
  }
}

/** A labels table joined by position: `labels[i]` is the class index of image i. */
export function orderedLabelTable(file: string, format: TableFormat, labels: Int32Array): LabelTable {
  return { kind: 'labels', file, format, n: labels.length, join: 'position', labels };
}
