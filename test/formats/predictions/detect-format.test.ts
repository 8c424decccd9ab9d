import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../src/formats/predictions/detect-format.js';

const head = (s: string) => new TextEncoder().encode(s);

describe('detectFormat', () => {
  it('goes by extension first', () => {
    expect(detectFormat('a/b/top5.NPY', head('x'))).toBe('npy');
    expect(detectFormat('p.csv', head('1 2 3'))).toBe('csv');
    expect(detectFormat('p.jsonl', head('1'))).toBe('jsonl');
    expect(detectFormat('p.ndjson', head('1'))).toBe('jsonl');
    expect(detectFormat('ILSVRC2012_validation_ground_truth.txt', head('a,b'))).toBe('ilsvrc');
  });

  it('then by content', () => {
    expect(detectFormat('p', new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]))).toBe('npy');
    expect(detectFormat('p', head('\uFEFF \n{"image_id": 1}'))).toBe('jsonl');
    expect(detectFormat('p.out', head('image_id,pred1\n'))).toBe('csv');
    expect(detectFormat('p', head('1 2 3\n4,5'))).toBe('ilsvrc');
    expect(detectFormat('.hidden', head(''))).toBe('ilsvrc');
  });
});
