import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { ClassSet, type LabelSpace } from '../../../src/classes/class-set.js';
import { UserError } from '../../../src/errors.js';
import { labelDecoder, type LabelDecoder } from '../../../src/formats/predictions/label-decoder.js';
import { parseAll, type ChunkParser } from '../../../src/formats/predictions/tables.js';

/**
 * Three classes given in devkit order n00000003, n00000001, n00000002, so devkit ID ≠ index + 1 everywhere:
 * devkit 1 = index 2, devkit 2 = index 0, devkit 3 = index 1.
 */
export const THREE = ClassSet.fromWnids('three', ['n00000003', 'n00000001', 'n00000002']);

/** Ten classes n00000000..n00000009 in sorted order (devkit ID = index + 1), for the numpy fixtures. */
export const TEN = ClassSet.fromWnids('ten', Array.from({ length: 10 }, (_, i) => `n0000000${i}`));

export function decoder(space: LabelSpace = 'devkit', classes: ClassSet = THREE): LabelDecoder {
  return labelDecoder(classes, space);
}

/** Feeds `input` to a fresh parser in pieces of `size` bytes (1 = byte by byte), to check chunk boundaries. */
export function parseInChunks<T>(parser: ChunkParser<T>, input: string | Uint8Array, size: number): T {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  for (let i = 0; i < bytes.length; i += size) parser.push(bytes.subarray(i, i + size));
  return parser.end();
}

export { parseAll };

/** Runs `fn` and returns the UserError message it throws (fails the test on success or any other error). */
export function userError(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return (err as UserError).message;
  }
  throw new Error('expected a UserError, but nothing was thrown');
}

/** Row i of a table's guesses. */
export function row(guesses: Int32Array, k: number, i: number): number[] {
  return Array.from(guesses.subarray(i * k, i * k + k));
}

const FIXTURES = fileURLToPath(new URL('../../fixtures/predictions/', import.meta.url));

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(FIXTURES + name));
}

export function fixturePath(name: string): string {
  return FIXTURES + name;
}

/** A minimal .npy writer for tests: little-endian dtypes and C order unless `descr`/`fortran` say otherwise. */
export function npyBytes(descr: string, shape: readonly number[], data: ArrayLike<number> | Uint8Array, opts: { fortran?: boolean; version?: 1 | 2; header?: string } = {}): Uint8Array {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let dict = opts.header ?? `{'descr': '${descr}', 'fortran_order': ${opts.fortran ? 'True' : 'False'}, 'shape': ${shapeText}, }`;
  const version = opts.version ?? 1;
  const pre = version === 1 ? 10 : 12;
  while ((pre + dict.length + 1) % 64 !== 0) dict += ' ';
  dict += '\n';
  let body: Uint8Array;
  if (data instanceof Uint8Array) body = data;
  else if (descr === '<i4') body = new Uint8Array(Int32Array.from(data).buffer);
  else if (descr === '<i8') body = new Uint8Array(BigInt64Array.from(Array.from(data, (v) => BigInt(v))).buffer);
  else if (descr === '<f4') body = new Uint8Array(Float32Array.from(data).buffer);
  else body = new Uint8Array(Float64Array.from(data).buffer);
  const out = new Uint8Array(pre + dict.length + body.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, dict.length, true);
  else view.setUint32(8, dict.length, true);
  for (let i = 0; i < dict.length; i++) out[pre + i] = dict.charCodeAt(i);
  out.set(body, pre + dict.length);
  return out;
}
