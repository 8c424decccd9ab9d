import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bruteForceCosine, cosineTopK, cosineWithin, l2Normalise, penultimateTensor, readOnnxGraph, withGraphOutputs, type EmbeddingRows,
} from '../../src/collect/core/index.js';

const rows = (values: number[], dim: number): EmbeddingRows => l2Normalise({ data: Float32Array.from(values), dim });
/** Random rows (with repeats and zero rows, so ties and distance 0 occur). */
const matrix = (dim: number) => fc.array(fc.oneof(
  fc.array(fc.float({ min: -4, max: 4, noNaN: true, noDefaultInfinity: true }), { minLength: dim, maxLength: dim }),
  fc.constant(Array.from({ length: dim }, () => 0)),
  fc.constant(Array.from({ length: dim }, (_, k) => (k === 0 ? 1 : 0))),
), { maxLength: 40 }).map((r) => rows(r.flat(), dim));

describe('exact cosine kNN by blocked dot products', () => {
  it('normalises rows to unit length and leaves zero rows zero', () => {
    expect([...rows([3, 4, 0, 0], 2).data]).toEqual([Math.fround(0.6), Math.fround(0.8), 0, 0]);
  });

  it('threshold search equals brute force for any tile sizes (same pairs, identical distances)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 9 }).chain((dim) => fc.tuple(matrix(dim), matrix(dim))),
      fc.double({ min: 0, max: 2, noNaN: true }), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 9 }),
      ([q, r], radius, queryBlock, referenceBlock) => {
        const got: Array<[number, number, number]> = [];
        cosineWithin(q, r, radius, (i, j, d) => got.push([i, j, d]), { queryBlock, referenceBlock });
        got.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(got).toEqual(bruteForceCosine(q, r, radius));
      }), { numRuns: 300 });
  });

  it('top-k equals sorting every distance (nearest first, ties to the lower index)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 6 }).chain((dim) => fc.tuple(matrix(dim), matrix(dim))), fc.integer({ min: 0, max: 6 }),
      fc.integer({ min: 1, max: 5 }), ([q, r], k, referenceBlock) => {
        const all = bruteForceCosine(q, r, Infinity);
        const want = Array.from({ length: q.data.length / q.dim }, (_, i) => all.filter((p) => p[0] === i)
          .sort((a, b) => a[2] - b[2] || a[1] - b[1]).slice(0, k).map(([, reference, distance]) => ({ reference, distance })));
        expect(cosineTopK(q, r, k, { referenceBlock, queryBlock: 3 })).toEqual(want);
      }), { numRuns: 200 });
  });

  it('refuses rows of different sizes', () => {
    expect(() => cosineWithin(rows([1, 0], 2), rows([1, 0, 0], 3), 1, () => {})).toThrow(/sizes differ/);
  });
});

describe('ONNX graph outputs', () => {
  it('finds the input of the last fully connected layer and exposes it as a graph output', () => {
    const bytes = readFileSync('data/zoo/lenet5.onnx');
    const g = readOnnxGraph(bytes);
    expect(g.inputs).toEqual(['input']);
    expect(g.outputs).toEqual(['logits']);
    expect(penultimateTensor(g)).toBe('/Tanh_3_output_0');
    expect(penultimateTensor(readOnnxGraph(readFileSync('data/zoo/resnet-8.onnx')))).toBe('/Flatten_output_0');
    const edited = readOnnxGraph(withGraphOutputs(bytes, ['/Tanh_3_output_0']));
    expect(edited.outputs).toEqual(['logits', '/Tanh_3_output_0']);
    expect(edited.nodes).toEqual(g.nodes);
    expect(() => readOnnxGraph(Uint8Array.of(0xff, 0xff))).toThrow(/not an ONNX model/);
  });
});
