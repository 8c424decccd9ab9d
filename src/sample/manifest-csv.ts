import type { ClassSet } from '../classes/class-set.js';
import type { SampleImageRow } from '../store/store.js';

/** The manifest columns (issue contract): one row per image in the revision's final order. */
export const MANIFEST_HEADER = 'row,image_id,wnid,class_index,frequency,annotations';

/**
 * `row,image_id,wnid,class_index,frequency,annotations`: image_id is the image's sha256, class_index its wnid's
 * position in the sorted wnid list of the reference's classes, frequency = selected / shown at sampling time (full
 * precision, JavaScript's shortest round-trip form). Same revision → byte-identical text.
 */
export function manifestCsv(images: readonly SampleImageRow[], classes: ClassSet): string {
  const lines = [MANIFEST_HEADER];
  for (const i of images) {
    lines.push(`${i.row},${i.image_sha256},${i.wnid},${classes.byWnid(i.wnid).index},${i.shown > 0 ? String(i.selected / i.shown) : ''},${i.shown}`);
  }
  return `${lines.join('\n')}\n`;
}
