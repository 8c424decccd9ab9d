import { createHash } from 'node:crypto';
import { UserError } from '../errors.js';
import type { ClassSet, LabelSpace } from '../classes/class-set.js';
import { labelDecoder } from '../formats/predictions/label-decoder.js';
import { readLabels } from '../score/read-table.js';
import type { ItemRow } from '../store/store.js';

/**
 * Hidden labels as stored: class indices (sorted-wnid order) as little-endian int32, one per image in split order.
 * Their sha256 is both the label-set hash every score records and the blob id; blobs of this kind are never served
 * (the blob route serves image rows only).
 */
export function encodeLabels(labels: Int32Array): { bytes: Uint8Array; hash: string } {
  const bytes = new Uint8Array(labels.length * 4);
  const view = new DataView(bytes.buffer);
  labels.forEach((v, i) => view.setInt32(i * 4, v, true));
  return { bytes, hash: createHash('sha256').update(bytes).digest('hex') };
}

export function decodeLabels(bytes: Uint8Array): Int32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Int32Array.from({ length: bytes.byteLength / 4 }, (_, i) => view.getInt32(i * 4, true));
}

/** The split's own labels (its items' wnids) as class indices, in position order. */
export function labelsOfItems(items: readonly ItemRow[], classes: ClassSet): Int32Array {
  return Int32Array.from(items, (item) => classes.byWnid(item.wnid).index);
}

/**
 * Labels from a file (ILSVRC text, CSV, JSONL or .npy) for the split's images: ordered files must have one label per
 * image; keyed files must name every image exactly once. Errors name the labels file, which only the host sees.
 */
export async function labelsFromFile(file: string, classes: ClassSet, space: LabelSpace, imageIds: readonly string[]): Promise<Int32Array> {
  const table = await readLabels(file, 'auto', labelDecoder(classes, space));
  if (table.ids === undefined) {
    if (table.n !== imageIds.length) throw new UserError(`${file} has ${table.n} labels but the split has ${imageIds.length} images`);
    return table.labels;
  }
  const rowOf = new Map(table.ids.map((id, i) => [id, i]));
  if (table.n !== imageIds.length) throw new UserError(`${file} has ${table.n} labels but the split has ${imageIds.length} images`);
  return Int32Array.from(imageIds, (id) => {
    const row = rowOf.get(id);
    if (row === undefined) throw new UserError(`${file} has no label for image ${JSON.stringify(id)}`);
    return table.labels[row]!;
  });
}
