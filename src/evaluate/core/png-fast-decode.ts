import { crc32 } from '../../formats/dataset/gray-png.js';
import type { RawImage } from './pil-convert.js';

/** A zlib (RFC 1950) decompressor; the caller passes one so this module stays free of I/O imports. */
export type ZlibInflate = (data: Uint8Array) => Uint8Array;

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 4: 2, 6: 4 };
/** Ancillary chunks that never change decoded pixels here (text, time, physical size). */
const HARMLESS = new Set(['tEXt', 'zTXt', 'iTXt', 'tIME', 'pHYs']);

/**
 * Decodes the common case of PNG in pure TypeScript: 8-bit gray, gray+alpha, RGB or RGBA, not interlaced, with
 * only IHDR/IDAT/IEND and text/time/size chunks — what Heldout's own IDX import writes (one 28×28 image costs
 * ~0.5 ms through sharp, a few µs here). Returns undefined for anything else (palette, 16-bit, interlaced,
 * colour-managed, damaged): the caller decodes those with sharp, whose result this equals on every PNG it accepts.
 */
export function decodeSimplePng(bytes: Uint8Array, inflate: ZlibInflate): RawImage | undefined {
  if (bytes.length < 8 + 25 || SIGNATURE.some((b, i) => bytes[i] !== b)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Uint8Array[] = [];
  let ended = false;
  for (let o = 8; o + 12 <= bytes.length && !ended;) {
    const len = view.getUint32(o);
    if (o + 12 + len > bytes.length) return undefined;
    const type = String.fromCharCode(bytes[o + 4]!, bytes[o + 5]!, bytes[o + 6]!, bytes[o + 7]!);
    const data = bytes.subarray(o + 8, o + 8 + len);
    if (crc32(bytes.subarray(o + 4, o + 8 + len)) !== view.getUint32(o + 8 + len)) return undefined;
    if (type === 'IHDR') {
      if (o !== 8 || len !== 13) return undefined;
      width = view.getUint32(o + 8);
      height = view.getUint32(o + 12);
      channels = CHANNELS[data[9]!] ?? 0;
      // bit depth 8, known colour type, deflate, adaptive filtering, no interlace
      if (data[8] !== 8 || channels === 0 || data[10] !== 0 || data[11] !== 0 || data[12] !== 0) return undefined;
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      ended = true;
    } else if (!HARMLESS.has(type)) {
      return undefined;
    }
    o += 12 + len;
  }
  if (!ended || width === 0 || height === 0 || idat.length === 0 || width * height > 1 << 24) return undefined;
  let raw: Uint8Array;
  try {
    raw = inflate(idat.length === 1 ? idat[0]! : concat(idat));
  } catch {
    return undefined;
  }
  const stride = width * channels;
  if (raw.length !== (stride + 1) * height) return undefined;
  const out = new Uint8Array(stride * height);
  return unfilter(raw, out, stride, height, channels) ? { data: out, width, height, channels } : undefined;
}

/** Reverses PNG's per-row filters (None, Sub, Up, Average, Paeth) with `bpp` bytes per pixel. */
function unfilter(raw: Uint8Array, out: Uint8Array, stride: number, height: number, bpp: number): boolean {
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    const prev = row - stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[row + x - bpp]! : 0;
      const b = y > 0 ? out[prev + x]! : 0;
      const v = raw[src + x]!;
      let pred: number;
      if (filter === 0) pred = 0;
      else if (filter === 1) pred = a;
      else if (filter === 2) pred = b;
      else if (filter === 3) pred = (a + b) >> 1;
      else if (filter === 4) {
        const c = x >= bpp && y > 0 ? out[prev + x - bpp]! : 0;
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else return false;
      out[row + x] = (v + pred) & 255;
    }
  }
  return true;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
