import { UserError, at } from '../../errors.js';
import { textLines } from './text-lines.js';
import { isWnid } from './wnid.js';

/** Label columns recognised in a class-map header, in order of preference. */
const LABEL_COLUMNS = ['label', 'fashion_mnist_label', 'idx_label', 'value'];

/** One row of a class map: IDX label value → wnid, with its line for error messages. */
export interface IdxClassMapEntry {
  readonly value: number;
  readonly wnid: string;
  readonly line: number;
}

/**
 * Parses a class map for IDX labels: which wnid each label value (0–255) stands for. Either a table with a header
 * naming a `wnid` column and a label column (`label`, `fashion_mnist_label`, …; tab, comma or space separated, like
 * data/classes/fashion-mnist_classes.tsv), or header-less lines `<value> <wnid>`. Errors name `file:line`.
 *
 * @example parseIdxClassMap('0\tn03595614\n1\tn04489008\n', 'map.tsv')[1] // → { value: 1, wnid: 'n04489008', line: 2 }
 */
export function parseIdxClassMap(text: string, file: string): IdxClassMapEntry[] {
  const lines = textLines(text).filter((l) => l.text.trim() !== '');
  if (lines.length === 0) throw new UserError(`${file}: empty class map`);
  const split = (s: string) => s.trim().split(s.includes('\t') ? '\t' : s.includes(',') ? ',' : /\s+/).map((c) => c.trim());
  const first = split(lines[0]!.text).map((h) => h.toLowerCase());
  let labelCol = 0;
  let wnidCol = 1;
  let rows = lines;
  if (!/^\d+$/.test(first[0] ?? '')) {
    wnidCol = first.indexOf('wnid');
    labelCol = LABEL_COLUMNS.map((c) => first.indexOf(c)).find((i) => i >= 0) ?? -1;
    if (wnidCol < 0 || labelCol < 0) {
      throw new UserError(`${at(file, lines[0]!.line)}: class-map header needs a wnid column and a label column (${LABEL_COLUMNS.join(' or ')})`);
    }
    rows = lines.slice(1);
  }
  const seen = new Set<number>();
  const entries: IdxClassMapEntry[] = [];
  for (const { line, text: t } of rows) {
    const cells = split(t);
    const value = cells[labelCol] ?? '';
    const wnid = cells[wnidCol] ?? '';
    if (!/^\d+$/.test(value) || Number(value) > 255) throw new UserError(`${at(file, line)}: "${value}" is not an IDX label value (0–255)`);
    if (!isWnid(wnid)) throw new UserError(`${at(file, line)}: "${wnid}" is not a WordNet id (n + 8 digits)`);
    if (seen.has(Number(value))) throw new UserError(`${at(file, line)}: label value ${value} is mapped twice`);
    seen.add(Number(value));
    entries.push({ value: Number(value), wnid, line });
  }
  if (entries.length === 0) throw new UserError(`${file}: class map has no rows`);
  return entries;
}
