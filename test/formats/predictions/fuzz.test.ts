import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { FORMATS } from '../../../src/formats/predictions/formats.js';
import type { ChunkParser, TableFormat } from '../../../src/formats/predictions/tables.js';
import type { LabelSpace } from '../../../src/classes/class-set.js';
import { decoder, npyBytes, parseInChunks, TEN, THREE } from './helpers.js';

// Whatever the bytes, a parser returns a table or throws a UserError: never a TypeError, RangeError or a hang.

const SPACES: LabelSpace[] = ['devkit', 'index', 'wnid'];
const FORMAT_NAMES = Object.keys(FORMATS) as TableFormat[];

function parsers(format: TableFormat, space: LabelSpace, k: number): Array<() => ChunkParser<unknown>> {
  const f = FORMATS[format];
  const classes = format === 'npy' ? TEN : THREE;
  return [
    () => f.predictions({ file: 'f', decoder: decoder(space, classes), k }),
    () => f.labels({ file: 'f', decoder: decoder(space, classes) }),
  ];
}

function onlyUserErrors(make: () => ChunkParser<unknown>, bytes: Uint8Array, chunk: number): void {
  try {
    parseInChunks(make(), bytes, chunk);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    expect(err.message.length).toBeLessThan(400);
  }
}

/** Text made of the characters these formats care about, so the fuzzer reaches past the first check. */
const textish = fc.string({
  unit: fc.constantFrom('0', '1', '2', '3', '9', ' ', '\t', '\r', '\n', ',', '"', '{', '}', '[', ']', ':', 'n', '-', '.', 'e', 'x', '\uFEFF', 'é',
    'image_id', 'label', 'pred1', 'pred2', '"image_id":', '"top":', '"label":', 'n00000001', '1e400', 'null'),
  maxLength: 200,
});

describe('every parser only ever throws UserError', () => {
  for (const format of FORMAT_NAMES) {
    it(`${format}: random bytes`, () => {
      fc.assert(fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.constantFrom(...SPACES),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 64 }),
        (bytes, space, k, chunk) => {
          for (const make of safe(parsers, format, space, k)) onlyUserErrors(make, bytes, chunk);
        },
      ), { numRuns: 300 });
    });

    it(`${format}: random text from the format's alphabet`, () => {
      fc.assert(fc.property(textish, fc.constantFrom(...SPACES), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 64 }), (text, space, k, chunk) => {
        const bytes = new TextEncoder().encode(text);
        for (const make of safe(parsers, format, space, k)) onlyUserErrors(make, bytes, chunk);
      }), { numRuns: 300 });
    });
  }

  it('npy: valid headers with random shapes, dtypes and bodies', () => {
    fc.assert(fc.property(
      fc.constantFrom('<i4', '<i8', '<f4', '<f8', '>i4', '|u1', '<i2'),
      fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 3 }),
      fc.uint8Array({ maxLength: 400 }),
      fc.boolean(),
      fc.integer({ min: 1, max: 64 }),
      (descr, shape, body, fortran, chunk) => {
        const bytes = npyBytes(descr, shape, body, { fortran });
        for (const make of safe(parsers, 'npy', 'index', 5)) onlyUserErrors(make, bytes, chunk);
      },
    ), { numRuns: 500 });
  });

  it('npy: headers claiming absurd sizes are refused without allocating them', () => {
    for (const shape of ['(99999999999999, 1000)', '(1, 999999999999)', '(3, 99999999)']) {
      const bytes = npyBytes('<f4', [1], new Uint8Array(8), { header: `{'descr': '<f4', 'fortran_order': False, 'shape': ${shape}, }` });
      for (const make of safe(parsers, 'npy', 'index', 5)) onlyUserErrors(make, bytes, 7);
    }
  });
});

/** Constructing a parser may itself refuse (npy in wnid space): that is a UserError too, so wrap construction. */
function safe(make: typeof parsers, format: TableFormat, space: LabelSpace, k: number): Array<() => ChunkParser<unknown>> {
  return make(format, space, k).map((m) => () => {
    try {
      return m();
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      return { push() {}, end() { return undefined; } };
    }
  });
}
