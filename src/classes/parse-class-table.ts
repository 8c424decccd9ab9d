import { ClassSet } from './class-set.js';
import { UserError } from '../errors.js';

/**
 * Parses a class table: TSV with a header containing `wnid` and optionally `ilsvrc2012_id`/`devkit_id` and `name`,
 * or a plain list of wnids (one per line, devkit order). Checks that given devkit IDs are 1..N in row order and that
 * a given `sorted_index` column agrees with the sorted wnids.
 */
export function parseClassTable(name: string, text: string, file = name): ClassSet {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) throw new UserError(`${file}: empty class table`);
  const header = lines[0]!.split('\t').map((h) => h.trim());
  if (!header.includes('wnid')) return ClassSet.fromWnids(name, lines.map((l) => l.trim()));
  const col = (h: string) => header.indexOf(h);
  const wnidCol = col('wnid');
  const idCol = Math.max(col('ilsvrc2012_id'), col('devkit_id'));
  const nameCol = col('name');
  const sortedCol = col('sorted_index');
  const rows = lines.slice(1).map((l) => l.split('\t'));
  rows.forEach((r, i) => {
    if (idCol >= 0 && Number(r[idCol]) !== i + 1) {
      throw new UserError(`${file}:${i + 2}: devkit ID ${r[idCol]} out of order (expected ${i + 1})`);
    }
  });
  const set = ClassSet.fromWnids(name, rows.map((r) => (r[wnidCol] ?? '').trim()), rows.map((r) => (nameCol >= 0 ? r[nameCol] ?? '' : r[wnidCol] ?? '')));
  if (sortedCol >= 0) {
    rows.forEach((r, i) => {
      const e = set.entries[i]!;
      if (Number(r[sortedCol]) !== e.index) throw new UserError(`${file}:${i + 2}: sorted_index ${r[sortedCol]} disagrees with sorted wnids (${e.index})`);
    });
  }
  return set;
}
