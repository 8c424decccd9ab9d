import { describe, expect, it } from 'vitest';
import { formatIdx, isGzip, parseIdx } from '../../../src/formats/dataset/idx.js';

describe('parseIdx', () => {
  const images = formatIdx([2, 2, 3], Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));

  it('reads dimensions and data of unsigned-byte IDX files', () => {
    expect(parseIdx(images, 'i', 3)).toEqual({ dims: [2, 2, 3], data: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) });
    expect(parseIdx(Uint8Array.of(0, 0, 8, 1, 0, 0, 0, 2, 7, 9), 'l', 1).data).toEqual(Uint8Array.of(7, 9));
  });

  it('rejects wrong magic, element type and dimension count, naming the file', () => {
    expect(() => parseIdx(Uint8Array.of(0x1f, 0x8b, 8, 0), 'x.gz', 3)).toThrow('x.gz: not an IDX file (magic number 1f 8b 08 00');
    expect(() => parseIdx(new Uint8Array(0), 'e', 1)).toThrow('e: not an IDX file (magic number missing');
    expect(() => parseIdx(Uint8Array.of(0, 0, 0x0d, 1, 0, 0, 0, 0), 'f', 1)).toThrow('f: IDX element type 0x0d (float) is not supported');
    expect(() => parseIdx(images, 'labels', 1)).toThrow('labels: IDX file has 3 dimension(s); labels (count) need 1');
  });

  it('rejects truncated headers and data, trailing bytes and zero dimensions', () => {
    expect(() => parseIdx(images.subarray(0, 10), 'i', 3)).toThrow('i: IDX header is truncated (10 of 16 bytes)');
    expect(() => parseIdx(images.subarray(0, images.length - 1), 'i', 3)).toThrow('i: IDX data is truncated: dimensions 2×2×3 need 12 bytes, found 11');
    expect(() => parseIdx(Uint8Array.from([...images, 0]), 'i', 3)).toThrow('i: IDX file has 1 bytes after the 2×2×3 data');
    expect(() => parseIdx(formatIdx([0, 2, 3], new Uint8Array(0)), 'i', 3)).toThrow('i: IDX dimension 1 is 0');
  });

  it('tells gzip from plain files by magic number', () => {
    expect(isGzip(Uint8Array.of(0x1f, 0x8b, 8))).toBe(true);
    expect(isGzip(images)).toBe(false);
  });
});
