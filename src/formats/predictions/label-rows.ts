import { UserError } from '../../errors.js';
import { IdIndex } from './id-index.js';
import { IdStore } from './id-store.js';
import { IdTable } from './id-table.js';
import { Int32Builder } from './int32-builder.js';
import { orderedLabelTable } from './ordered-tables.js';
import type { LabelTable, TableFormat } from './tables.js';

/**
 * Collects one class index per image. Keyed formats must not repeat an image_id: while ids arrive in strictly
 * increasing order (the usual case: files written sorted) that needs only a comparison with the previous id; the
 * first id out of order switches to a hash table of the ids so far. Ids are kept as bytes ({@link IdStore}), not
 * strings.
 */
export class LabelRows {
  private readonly labels = new Int32Builder();
  private readonly lines = new Int32Builder();
  private readonly store = new IdStore();
  private idTable: IdTable | undefined;

  constructor(readonly file: string) {}

  get n(): number {
    return this.labels.length;
  }

  /**
   * Sizes the buffers for `rows` rows whose ids take `idBytes` bytes (estimates, e.g. from the first block of a
   * file and its size): growing by doubling would allocate and copy about as much again.
   */
  reserve(rows: number, idBytes: number): void {
    this.labels.reserve(rows);
    this.lines.reserve(rows);
    this.store.reserve(rows, idBytes);
  }

  /** Bytes of the ids so far (for {@link LabelRows.reserve} estimates). */
  get idBytes(): number {
    return this.store.starts[this.store.n]!;
  }

  /** Adds an ordered row. */
  add(cls: number): void {
    this.labels.push(cls);
  }

  /**
   * Reads the id of a CSV line that starts at `b[start]`, up to the first comma, for {@link LabelRows.addScanned}:
   * returns the comma's index, or -1 when the line has none or the id is not ASCII (the parser then reads the line
   * as text, which checks its UTF-8). Changes nothing that counts. `b` must end with an LF.
   */
  scanId(b: Uint8Array, start: number): number {
    return this.store.scanField(b, start);
  }

  /** Adds a keyed row whose id is the one {@link LabelRows.scanId} just read; a repeated id is a UserError. */
  addScanned(cls: number, line: number): void {
    this.added(this.store.addScanned(), cls, line);
  }

  /** Adds a keyed row; a repeated image id is a UserError naming both lines. */
  addKeyed(id: string, cls: number, line: number): void {
    this.added(this.store.addString(id, 0, id.length), cls, line);
  }

  table(format: TableFormat, keyed: boolean): LabelTable {
    const ordered = orderedLabelTable(this.file, format, this.labels.view());
    if (!keyed) return ordered;
    const idIndex = new IdIndex(this.store, this.idTable);
    return {
      ...ordered,
      join: 'id',
      get ids() {
        return idIndex.ids;
      },
      idIndex,
      lines: this.lines.view(),
    };
  }

  /** Checks the id just stored as `row` is new, then records its line and class. */
  private added(row: number, cls: number, line: number): void {
    if (this.idTable === undefined && !this.store.ascending) {
      this.idTable = new IdTable(this.store, 2 * row);
      this.idTable.insertDistinct(0, row); // ascending so far, so distinct
    }
    if (this.idTable !== undefined) {
      const first = this.idTable.insert(row);
      if (first >= 0) throw new UserError(`${this.file}:${line}: image_id ${JSON.stringify(this.store.id(row))} appears twice (first on line ${this.lines.at(first)})`);
    }
    this.lines.push(line);
    this.labels.push(cls);
  }
}
