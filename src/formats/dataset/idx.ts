import { UserError } from '../../errors.js';

/** An IDX array of unsigned bytes (the MNIST / Fashion-MNIST file format): its dimensions and row-major data. */
export interface IdxArray {
  readonly dims: readonly number[];
  readonly data: Uint8Array;
}

const UBYTE = 0x08;
const TYPE_NAMES: Readonly<Record<number, string>> = { 0x08: 'ubyte', 0x09: 'byte', 0x0b: 'short', 0x0c: 'int', 0x0d: 'float', 0x0e: 'double' };

/** True when the bytes start with the gzip magic number 1f 8b (`train-images-idx3-ubyte.gz`). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Parses an uncompressed IDX file whose elements are unsigned bytes and checks it has `expectedDims` dimensions
 * (3 for images: count × rows × cols; 1 for labels) and exactly as many data bytes as the dimensions say.
 *
 * @example parseIdx(Uint8Array.of(0, 0, 8, 1, 0, 0, 0, 2, 7, 9), 'labels', 1) // → { dims: [2], data: [7, 9] }
 */
export function parseIdx(bytes: Uint8Array, file: string, expectedDims: number): IdxArray {
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) {
    const magic = [...bytes.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new UserError(`${file}: not an IDX file (magic number ${magic || 'missing'}; expected 00 00 08 0${expectedDims})`);
  }
  const type = bytes[2]!;
  const ndims = bytes[3]!;
  if (type !== UBYTE) {
    throw new UserError(`${file}: IDX element type 0x${type.toString(16).padStart(2, '0')} (${TYPE_NAMES[type] ?? 'unknown'}) is not supported; expected unsigned bytes (0x08)`);
  }
  if (ndims !== expectedDims) {
    const what = expectedDims === 3 ? 'images (count × rows × columns)' : 'labels (count)';
    throw new UserError(`${file}: IDX file has ${ndims} dimension(s); ${what} need ${expectedDims}`);
  }
  const headerBytes = 4 + 4 * ndims;
  if (bytes.length < headerBytes) throw new UserError(`${file}: IDX header is truncated (${bytes.length} of ${headerBytes} bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = Array.from({ length: ndims }, (_, i) => view.getUint32(4 + 4 * i, false));
  dims.forEach((d, i) => {
    if (d === 0) throw new UserError(`${file}: IDX dimension ${i + 1} is 0`);
  });
  const expected = dims.reduce((a, b) => a * b, 1);
  const found = bytes.length - headerBytes;
  if (found < expected) throw new UserError(`${file}: IDX data is truncated: dimensions ${dims.join('×')} need ${expected} bytes, found ${found}`);
  if (found > expected) throw new UserError(`${file}: IDX file has ${found - expected} bytes after the ${dims.join('×')} data`);
  return { dims, data: bytes.subarray(headerBytes) };
}

/** Writes an unsigned-byte IDX file; used by tests and to export IDX fixtures. */
export function formatIdx(dims: readonly number[], data: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(out.buffer);
  out.set([0, 0, UBYTE, dims.length]);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(data, 4 + 4 * dims.length);
  return out;
}
