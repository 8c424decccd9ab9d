/**
 * Image ids as bytes. Ids read from a file are UTF-8 bytes and are hashed and compared as such, with no string per
 * id. Ids that arrive as strings (JSON, quoted CSV fields, callers) are encoded to the same bytes first. The
 * encoding is WTF-8: UTF-8, plus lone UTF-16 surrogates written as their 3-byte form. It is one-to-one on all JS
 * strings, so two ids are equal exactly when their bytes are. Valid UTF-8 text never contains those 3-byte forms.
 */

/**
 * The hash of the id `b[start, end)`: MurmurHash3 (x86, 32-bit, seed 0) over its bytes, read 4 at a time as
 * little-endian words. One multiply chain step per 4 bytes, where FNV-1a needs one per byte: hashing is a large
 * part of a lookup. Loops that scan for the id's end as they hash (IdMatcher.scan) feed the same words through
 * {@link mixWord}, {@link mixTail} and {@link finishHash}.
 */
export function hashBytes(b: Uint8Array, start: number, end: number): number {
  let h = 0;
  let i = start;
  for (; i + 4 <= end; i += 4) h = mixWord(h, b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24));
  let w = 0;
  for (let shift = 0; i < end; i++, shift += 8) w |= b[i]! << shift;
  if ((end - start) & 3) h = mixTail(h, w);
  return finishHash(h, end - start);
}

/** Adds a whole 4-byte word to the hash. */
export function mixWord(h: number, w: number): number {
  w = Math.imul(w, 0xcc9e2d51);
  w = Math.imul((w << 15) | (w >>> 17), 0x1b873593);
  h ^= w;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** Adds the last 1–3 bytes (a word with its high bytes zero). */
export function mixTail(h: number, w: number): number {
  w = Math.imul(w, 0xcc9e2d51);
  return h ^ Math.imul((w << 15) | (w >>> 17), 0x1b873593);
}

/** Murmur3's final mix, given the id's length in bytes. */
export function finishHash(h: number, len: number): number {
  h ^= len;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Most bytes {@link encodeWtf8} writes for `n` UTF-16 code units. */
export const maxWtf8Bytes = (n: number): number => 3 * n;

/** Writes the WTF-8 bytes of `text[start, end)` into `out` from `o` (room for {@link maxWtf8Bytes} needed); returns the end. */
export function encodeWtf8(text: string, start: number, end: number, out: Uint8Array, o: number): number {
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out[o++] = c;
    } else if (c < 0x800) {
      out[o++] = 0xc0 | (c >> 6);
      out[o++] = 0x80 | (c & 0x3f);
    } else {
      const next = i + 1 < end ? text.charCodeAt(i + 1) : 0;
      if (c >= 0xd800 && c < 0xdc00 && next >= 0xdc00 && next < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
        out[o++] = 0xf0 | (c >> 18);
        out[o++] = 0x80 | ((c >> 12) & 0x3f);
      } else {
        out[o++] = 0xe0 | (c >> 12);
      }
      out[o++] = 0x80 | ((c >> 6) & 0x3f);
      out[o++] = 0x80 | (c & 0x3f);
    }
  }
  return o;
}

/** The string whose WTF-8 bytes are `b[start, end)` (the inverse of {@link encodeWtf8}; the bytes must be WTF-8). */
export function decodeWtf8(b: Uint8Array, start: number, end: number): string {
  const units: number[] = [];
  for (let i = start; i < end;) {
    const c = b[i]!;
    if (c < 0x80) {
      units.push(c);
      i++;
    } else if (c < 0xe0) {
      units.push(((c & 0x1f) << 6) | (b[i + 1]! & 0x3f));
      i += 2;
    } else if (c < 0xf0) {
      units.push(((c & 0x0f) << 12) | ((b[i + 1]! & 0x3f) << 6) | (b[i + 2]! & 0x3f));
      i += 3;
    } else {
      const cp = ((c & 0x07) << 18) | ((b[i + 1]! & 0x3f) << 12) | ((b[i + 2]! & 0x3f) << 6) | (b[i + 3]! & 0x3f);
      units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
      i += 4;
    }
  }
  let s = '';
  for (let i = 0; i < units.length; i += 4096) s += String.fromCharCode(...units.slice(i, i + 4096));
  return s;
}
