/** A zlib (RFC 1950) compressor; the caller picks the implementation so this module stays free of I/O imports. */
export type ZlibDeflate = (data: Uint8Array) => Uint8Array;

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/**
 * Encodes 8-bit grayscale pixels (row-major, `width × height` bytes) as a PNG. The output depends only on the pixels
 * and the deflate function — no timestamps, no metadata, filter type 0 on every row — so the same pixels always give
 * the same bytes and therefore the same content address. Used for IDX (MNIST-style) imports, where encoding 10,000
 * tiny images through an image library costs several times more than this.
 */
export function encodeGrayPng(pixels: Uint8Array, width: number, height: number, deflate: ZlibDeflate): Uint8Array {
  if (pixels.length !== width * height) throw new RangeError(`expected ${width * height} pixels, got ${pixels.length}`);
  const raw = new Uint8Array((width + 1) * height);
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([8, 0, 0, 0, 0], 8); // bit depth 8, colour type 0 (grayscale), deflate, adaptive filtering, no interlace
  return concat([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflate(raw)), chunk('IEND', new Uint8Array(0))]);
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

let crcTable: Uint32Array | undefined;

/** CRC-32 (ISO-HDLC, as PNG and gzip use it). */
export function crc32(bytes: Uint8Array): number {
  const table = (crcTable ??= makeCrcTable());
  let c = 0xffffffff;
  for (const b of bytes) c = table[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function makeCrcTable(): Uint32Array {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
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
