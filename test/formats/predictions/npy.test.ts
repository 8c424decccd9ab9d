import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { npyLabelsParser } from '../../../src/formats/predictions/npy-labels.js';
import { npyPredictionsParser } from '../../../src/formats/predictions/npy-predictions.js';
import { parseNpyHeader } from '../../../src/formats/predictions/npy-header.js';
import { decoder, fixture, fixturePath, npyBytes, parseAll, parseInChunks, row, TEN, THREE, userError } from './helpers.js';

const expected = JSON.parse(readFileSync(fixturePath('expected.json'), 'utf8')) as { logitsTop5: number[][]; probsTop5: number[][]; top3: number[][]; labels: number[] };
const preds = (bytes: Uint8Array, k = 5, space: 'devkit' | 'index' = 'index', classes = TEN) =>
  parseAll(npyPredictionsParser({ file: 'p.npy', decoder: decoder(space, classes), k }), bytes);
const labels = (bytes: Uint8Array, space: 'devkit' | 'index' = 'index') => parseAll(npyLabelsParser({ file: 'l.npy', decoder: decoder(space, TEN) }), bytes);
const rows = (guesses: Int32Array, k: number, n: number) => Array.from({ length: n }, (_, i) => row(guesses, k, i));

describe('.npy written by numpy', () => {
  it.each(['logits-f32.npy', 'logits-f64.npy'])('%s: top-5 equals numpy argsort(-x, kind="stable")', (name) => {
    const t = preds(fixture(name));
    expect(t).toMatchObject({ format: 'npy', n: 7, k: 5, ignoredGuesses: 0, rowsWithFewerGuesses: 0 });
    expect(rows(t.guesses, 5, 7)).toEqual(expected.logitsTop5);
  });

  it('probabilities work like logits', () => {
    expect(rows(preds(fixture('probs-f32.npy')).guesses, 5, 7)).toEqual(expected.probsTop5);
  });

  it('logit column j is devkit ID j + 1 in devkit space', () => {
    // TEN lists wnids sorted, so devkit ID j + 1 is index j: the same guesses either way.
    expect(rows(preds(fixture('logits-f32.npy'), 5, 'devkit').guesses, 5, 7)).toEqual(expected.logitsTop5);
  });

  it.each(['top3-i64.npy', 'top3-i32.npy'])('%s: integer top-k rows, guesses beyond k counted', (name) => {
    const t = preds(fixture(name), 2);
    expect(rows(t.guesses, 2, 7)).toEqual(expected.top3.map((r) => r.slice(0, 2)));
    expect(t.ignoredGuesses).toBe(7);
  });

  it.each(['labels-i64.npy', 'labels-i32-col.npy'])('%s: labels of shape (N,) or (N, 1)', (name) => {
    expect(Array.from(labels(fixture(name)).labels)).toEqual(expected.labels);
  });

  it('refuses Fortran order, big-endian, other dtypes and non-finite logits with the element named', () => {
    expect(userError(() => preds(fixture('fortran.npy')))).toBe('p.npy: Fortran-ordered array; save a C-ordered copy (np.save(f, np.ascontiguousarray(a)))');
    expect(userError(() => preds(fixture('big-endian.npy')))).toContain('p.npy: dtype ">i8" is not supported (big-endian arrays are not supported');
    expect(userError(() => preds(fixture('uint8.npy')))).toBe('p.npy: dtype "|u1" is not supported (supported: int32, int64, float32, float64 (little-endian))');
    expect(userError(() => preds(fixture('logits-nan.npy')))).toBe('p.npy[4, 6]: NaN (logits must be finite)');
    expect(userError(() => preds(fixture('logits-inf.npy')))).toBe('p.npy[5, 1]: -Infinity (logits must be finite)');
  });
});

describe('.npy edge cases', () => {
  it('reads any chunking, including byte by byte through the header', () => {
    const bytes = npyBytes('<f4', [3, 10], Array.from({ length: 30 }, (_, i) => (i * 7) % 10));
    const whole = preds(bytes);
    for (const size of [1, 3, 64, 100]) {
      expect(Array.from(parseInChunks(npyPredictionsParser({ file: 'p.npy', decoder: decoder('index', TEN), k: 5 }), bytes, size).guesses)).toEqual(Array.from(whole.guesses));
    }
  });

  it('reads version 2 headers and 1-D integer predictions', () => {
    const t = preds(npyBytes('<i8', [3], [4, 0, 9], { version: 2 }), 5);
    expect(rows(t.guesses, 5, 3).map((r) => r[0])).toEqual([4, 0, 9]);
    expect(t.rowsWithFewerGuesses).toBe(3);
  });

  it('converts devkit IDs through the class set', () => {
    const t = preds(npyBytes('<i4', [2, 2], [1, 2, 3, 1]), 2, 'devkit', THREE);
    expect(rows(t.guesses, 2, 2)).toEqual([[2, 0], [1, 2]]);
  });

  it('names the element of an out-of-range ID', () => {
    expect(userError(() => preds(npyBytes('<i8', [2, 2], [1, 2, 3, 10])))).toBe('p.npy[1, 1]: class index 10 is out of range for class set ten (0..9)');
    expect(userError(() => preds(npyBytes('<i4', [2], [1, -1])))).toBe('p.npy[1]: "-1" is not a class index (an integer 0..9)');
    expect(userError(() => preds(npyBytes('<i8', [1], [2 ** 40])))).toBe(`p.npy[0]: class index ${2 ** 40} is out of range for class set ten (0..9)`);
    expect(userError(() => labels(npyBytes('<i4', [2], [1, 12])))).toBe('l.npy[1]: class index 12 is out of range for class set ten (0..9)');
  });

  it('refuses wrong shapes, dtypes and lengths', () => {
    expect(userError(() => preds(npyBytes('<f4', [2, 3], [1, 2, 3, 4, 5, 6])))).toBe('p.npy: shape [2, 3]: float logits must be (N, 10), one column per class of ten');
    expect(userError(() => preds(npyBytes('<f4', [10], new Array(10).fill(0))))).toContain('float logits must be (N, 10)');
    expect(userError(() => preds(npyBytes('<i4', [2, 2, 1], [1, 2, 3, 4])))).toBe('p.npy: shape [2, 2, 1] is not (N, K) or (N,)');
    expect(userError(() => preds(npyBytes('<i4', [], [1])))).toBe('p.npy: shape [] is not (N, K) or (N,)');
    expect(userError(() => preds(npyBytes('<i4', [0, 5], [])))).toBe('p.npy: shape [0, 5]: empty array');
    expect(userError(() => preds(npyBytes('<i4', [3, 0], [])))).toBe('p.npy: shape [3, 0]: rows have no elements');
    expect(userError(() => preds(npyBytes('<i4', [3, 2], [1, 2, 3, 4, 5])))).toBe('p.npy: truncated: the header\'s shape [3, 2] needs 24 data bytes, the file has 20');
    expect(userError(() => preds(npyBytes('<i4', [2, 2], [1, 2, 3, 4, 5])))).toBe('p.npy: more data than the header\'s shape [2, 2] allows');
    expect(userError(() => labels(npyBytes('<f8', [2], [1, 2])))).toBe('l.npy: labels must be integers, not float64');
    expect(userError(() => labels(npyBytes('<i8', [2, 2], [1, 2, 3, 4])))).toBe('l.npy: labels must have shape (N,) or (N, 1), not [2, 2]');
    expect(userError(() => parseAll(npyPredictionsParser({ file: 'p.npy', decoder: decoder('wnid', TEN), k: 5 }), new Uint8Array(0)))).toContain('not wnids');
  });

  it('refuses files that are not .npy or have a broken header', () => {
    expect(userError(() => preds(new TextEncoder().encode('1 2 3\n')))).toBe('p.npy: not a .npy file (bad magic bytes)');
    expect(userError(() => preds(new Uint8Array(0)))).toBe('p.npy: empty file');
    expect(userError(() => preds(npyBytes('<i4', [1], [1]).subarray(0, 20)))).toBe('p.npy: truncated .npy header');
    expect(userError(() => preds(npyBytes('<i4', [1], [1], { header: "{'descr': '<i4', 'shape': (1,)}" })))).toBe('p.npy: malformed .npy header (no fortran_order)');
    expect(userError(() => preds(npyBytes('<i4', [1], [1], { header: "{'descr': '<i4', 'fortran_order': False, 'shape': (-1,)}" })))).toBe('p.npy: malformed .npy header (shape entry "-1")');
    expect(userError(() => preds(npyBytes('<i4', [1], [1], { header: 'nonsense' })))).toBe('p.npy: malformed .npy header (not a dictionary)');
  });

  it('parses a header as numpy writes it', () => {
    expect(parseNpyHeader(fixture('top3-i64.npy'), 'x.npy')).toEqual({ dtype: 'int64', itemSize: 8, shape: [7, 3], dataOffset: 128 });
  });
});
