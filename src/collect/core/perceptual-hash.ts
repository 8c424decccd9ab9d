import { resizeArea, type GrayImage } from './gray-image.js';
import { hashFromBits, type Hash64 } from './hash64.js';

/** pHash works on a 32×32 image and keeps the 8×8 lowest DCT frequencies. */
export const PHASH_SIZE = 32;
const LOW = 8;

/** cos(π (2x+1) u / 64) for u < 8, x < 32: the only DCT-II basis values pHash needs (2 KB, computed once). */
const COS = (() => {
  const t = new Float64Array(LOW * PHASH_SIZE);
  for (let u = 0; u < LOW; u++) {
    for (let x = 0; x < PHASH_SIZE; x++) t[u * PHASH_SIZE + x] = Math.cos((Math.PI * (2 * x + 1) * u) / (2 * PHASH_SIZE));
  }
  return t;
})();

/**
 * pHash (perceptual hash, as in Python's `imagehash.phash`): gray 32×32 → 2-D DCT-II → the 8×8 lowest frequencies
 * (DC included) → bit set where the coefficient exceeds their median. Row-major over (vertical, horizontal)
 * frequency, first bit most significant. Inputs of another size are area-averaged to 32×32 first; the service hands
 * 32×32 pixels straight from the decoder. Only the 64 needed coefficients are computed (10,240 multiply-adds).
 */
export function perceptualHash(img: GrayImage): Hash64 {
  const px = img.width === PHASH_SIZE && img.height === PHASH_SIZE ? img.data : resizeArea(img, PHASH_SIZE, PHASH_SIZE);
  if (px.length !== PHASH_SIZE * PHASH_SIZE) throw new RangeError(`gray image ${img.width}×${img.height} needs ${img.width * img.height} values, got ${px.length}`);
  // Rows first: rowDct[y][u] = Σx px[y][x]·cos(u, x); then columns: coef[v][u] = Σy rowDct[y][u]·cos(v, y).
  const rowDct = new Float64Array(PHASH_SIZE * LOW);
  for (let y = 0; y < PHASH_SIZE; y++) {
    const base = y * PHASH_SIZE;
    for (let u = 0; u < LOW; u++) {
      const cu = u * PHASH_SIZE;
      let s = 0;
      for (let x = 0; x < PHASH_SIZE; x++) s += px[base + x]! * COS[cu + x]!;
      rowDct[y * LOW + u] = s;
    }
  }
  const coef = new Float64Array(LOW * LOW);
  for (let v = 0; v < LOW; v++) {
    const cv = v * PHASH_SIZE;
    for (let u = 0; u < LOW; u++) {
      let s = 0;
      for (let y = 0; y < PHASH_SIZE; y++) s += rowDct[y * LOW + u]! * COS[cv + y]!;
      coef[v * LOW + u] = s;
    }
  }
  const sorted = Float64Array.from(coef).sort();
  const median = (sorted[31]! + sorted[32]!) / 2;
  return hashFromBits(Array.from(coef, (c) => c > median));
}
