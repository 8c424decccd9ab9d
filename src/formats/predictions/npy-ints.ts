import type { NpyDtype } from './npy-header.js';

/**
 * An accessor for element i of an aligned little-endian int32 or int64 buffer. int64 values are read as
 * hi·2³² + lo: exact below 2⁵³, and anything larger is far outside every class range anyway.
 */
export function npyInts(data: Uint8Array, items: number, dtype: NpyDtype): (i: number) => number {
  if (dtype === 'int32') {
    const a = new Int32Array(data.buffer, data.byteOffset, items);
    return (i) => a[i]!;
  }
  const a = new Int32Array(data.buffer, data.byteOffset, items * 2);
  return (i) => a[2 * i + 1]! * 4294967296 + (a[2 * i]! >>> 0);
}
