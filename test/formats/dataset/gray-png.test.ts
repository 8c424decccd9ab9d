import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { crc32, encodeGrayPng } from '../../../src/formats/dataset/gray-png.js';

describe('encodeGrayPng', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('writes a PNG that decodes to the same 8-bit grayscale pixels, deterministically', async () => {
    const pixels = Uint8Array.from({ length: 7 * 5 }, (_, i) => (i * 37) & 255);
    const deflate = (d: Uint8Array) => deflateSync(d, { level: 9 });
    const png = encodeGrayPng(pixels, 7, 5, deflate);
    expect(encodeGrayPng(pixels, 7, 5, deflate)).toEqual(png);
    const meta = await sharp(png, { failOn: 'truncated' }).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 7, height: 5, channels: 1, depth: 'uchar' });
    expect([...(await sharp(png).toColourspace('b-w').raw().toBuffer())]).toEqual([...pixels]);
  });

  it('rejects a pixel count that does not match the size', () => {
    expect(() => encodeGrayPng(new Uint8Array(3), 2, 2, (d) => d)).toThrow(RangeError);
  });
});
