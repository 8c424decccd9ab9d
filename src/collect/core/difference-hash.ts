import { resizeArea, type GrayImage } from './gray-image.js';
import { hashFromBits, type Hash64 } from './hash64.js';

/**
 * dHash (difference hash, Krawetz 2013, as in Python's `imagehash.dhash`): shrink to 9×8 gray by area averaging; bit
 * (row r, column c) is set when pixel (r, c+1) is brighter than pixel (r, c). Row-major, first bit most significant.
 * Robust to re-encoding, resizing and uniform brightness shifts; a mirror image flips nearly every bit.
 */
export function differenceHash(img: GrayImage): Hash64 {
  const px = resizeArea(img, 9, 8);
  const bits: boolean[] = [];
  for (let r = 0; r < 8; r++) {
    for (let c = 0; c < 8; c++) bits.push(px[r * 9 + c + 1]! > px[r * 9 + c]!);
  }
  return hashFromBits(bits);
}
