/**
 * Per-image predictions of one chunk of an evaluation, as one compact binary blob (little-endian):
 *
 * | bytes | content |
 * |---|---|
 * | 4 | magic `HTB1` |
 * | 4 × 4 | count, k, index width (2 or 4 bytes), classes (0 = no scores) — uint32 |
 * | 4 · count | item positions in the split, int32 |
 * | w · count · k | top-k class indices (sorted-wnid index of the dataset's classes), best first, -1 = empty; int16 when the dataset has ≤ 32,767 classes, else int32 |
 * | 0 or 2 | padding to a multiple of 4 |
 * | 4 · count · classes | optional scores per class (logits, or averaged softmax for 10-crop presets), float32 |
 *
 * 10,000 Fashion-MNIST images with top-5: 140 KB; 50,000 ImageNet images: 700 KB (+ 200 MB with scores).
 */
export interface PredictionChunk {
  readonly positions: Int32Array;
  readonly k: number;
  /** count × k class indices, row-major. */
  readonly topk: Int32Array;
  /** count × classes scores, when stored. */
  readonly scores?: Float32Array;
  readonly classes: number;
}

const MAGIC = 0x31425448; // 'HTB1' read as little-endian uint32
const HEADER = 20;

/** Index width for a class count: int16 covers every ImageNet class set (21,841 classes at most). */
export function indexWidth(classes: number): 2 | 4 {
  return classes <= 32767 ? 2 : 4;
}

/** Encodes a chunk; `classes` is the dataset's class count (decides the index width) even when no scores are kept. */
export function encodePredictionChunk(c: PredictionChunk): Uint8Array {
  const count = c.positions.length;
  if (c.topk.length !== count * c.k) throw new RangeError(`top-k has ${c.topk.length} entries, expected ${count * c.k}`);
  if (c.scores && c.scores.length !== count * c.classes) throw new RangeError(`scores have ${c.scores.length} entries, expected ${count * c.classes}`);
  const w = indexWidth(c.classes);
  const topBytes = w * count * c.k;
  const pad = (4 - (topBytes % 4)) % 4;
  const scoreBytes = c.scores ? 4 * c.scores.length : 0;
  const out = new Uint8Array(HEADER + 4 * count + topBytes + pad + scoreBytes);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, count, true);
  view.setUint32(8, c.k, true);
  view.setUint32(12, w, true);
  view.setUint32(16, c.scores ? c.classes : 0, true);
  let o = HEADER;
  for (let i = 0; i < count; i++, o += 4) view.setInt32(o, c.positions[i]!, true);
  for (let i = 0; i < c.topk.length; i++, o += w) {
    if (w === 2) view.setInt16(o, c.topk[i]!, true);
    else view.setInt32(o, c.topk[i]!, true);
  }
  o += pad;
  if (c.scores) for (let i = 0; i < c.scores.length; i++, o += 4) view.setFloat32(o, c.scores[i]!, true);
  return out;
}

/** Decodes a chunk written by {@link encodePredictionChunk}; throws a RangeError naming `what` if it is not one. */
export function decodePredictionChunk(bytes: Uint8Array, what = 'prediction chunk'): PredictionChunk {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < HEADER || view.getUint32(0, true) !== MAGIC) throw new RangeError(`${what}: not a Heldout prediction chunk`);
  const count = view.getUint32(4, true);
  const k = view.getUint32(8, true);
  const w = view.getUint32(12, true);
  const classes = view.getUint32(16, true);
  const topBytes = w * count * k;
  const pad = (4 - (topBytes % 4)) % 4;
  const expected = HEADER + 4 * count + topBytes + pad + 4 * count * classes;
  if ((w !== 2 && w !== 4) || bytes.byteLength !== expected) throw new RangeError(`${what}: ${bytes.byteLength} bytes, expected ${expected}`);
  let o = HEADER;
  const positions = new Int32Array(count);
  for (let i = 0; i < count; i++, o += 4) positions[i] = view.getInt32(o, true);
  const topk = new Int32Array(count * k);
  for (let i = 0; i < topk.length; i++, o += w) topk[i] = w === 2 ? view.getInt16(o, true) : view.getInt32(o, true);
  o += pad;
  if (classes === 0) return { positions, k, topk, classes: 0 };
  const scores = new Float32Array(count * classes);
  for (let i = 0; i < scores.length; i++, o += 4) scores[i] = view.getFloat32(o, true);
  return { positions, k, topk, scores, classes };
}
