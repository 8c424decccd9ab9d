import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync, inflateSync } from 'node:zlib';
import sharp, { type PngOptions } from 'sharp';
import { describe, expect, it } from 'vitest';
import { toGray, toRgb } from '../../src/evaluate/core/pil-convert.js';
import { decodeSimplePng } from '../../src/evaluate/core/png-fast-decode.js';
import { decodeImage, decodeWithSharp } from '../../src/evaluate/decode-image.js';
import { encodeGrayPng } from '../../src/formats/dataset/gray-png.js';

const IMAGES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'presets', 'images');
const inflate = (d: Uint8Array) => inflateSync(d);

/** A noisy image (every PNG filter type pays off somewhere), `channels` 1–4, encoded by sharp/libvips. */
async function noisyPng(width: number, height: number, channels: 1 | 2 | 3 | 4, options: PngOptions = {}): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * channels);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 7919 + ((i * i) >> 3)) & 255;
  return sharp(raw, { raw: { width, height, channels } }).png({ adaptiveFiltering: true, ...options }).toBuffer();
}

/**
 * Same pixels as sharp as far as the presets can tell: sharp hands gray PNGs over as RGB (and gray+alpha as RGBA),
 * the fast path keeps one channel; Pillow's RGB and L conversions of both must be identical.
 */
async function same(bytes: Uint8Array): Promise<void> {
  const fast = decodeSimplePng(bytes, inflate);
  expect(fast).toBeDefined();
  const ref = await decodeWithSharp(bytes, 'x');
  expect([fast!.width, fast!.height]).toEqual([ref.width, ref.height]);
  for (const convert of [toRgb, toGray]) expect(Buffer.from(convert(fast!).data).equals(Buffer.from(convert(ref).data))).toBe(true);
  if (fast!.channels >= 3) expect(Buffer.from(fast!.data).equals(Buffer.from(ref.data))).toBe(true);
}

describe('the pure-TypeScript PNG path gives exactly what sharp decodes', () => {
  it('on the preset fixtures (Pillow-written gray, RGB, RGBA)', async () => {
    for (const f of ['photo-333x257.png', 'rgba-61x47.png', 'gray-40x30.png', 'fmnist-28x28.png']) await same(await readFile(path.join(IMAGES, f)));
  });

  it('on libvips-written PNGs with every filter type, 1–4 channels, odd sizes', async () => {
    for (const channels of [1, 2, 3, 4] as const) await same(await noisyPng(37, 23, channels));
  });

  it('on the PNGs Heldout\'s IDX import writes', async () => {
    const px = Uint8Array.from({ length: 784 }, (_, i) => (i * 31) & 255);
    await same(encodeGrayPng(px, 28, 28, (d) => deflateSync(d)));
  });

  it('declines palette, 16-bit, interlaced and damaged files, which sharp then decodes', async () => {
    const palette = await noisyPng(20, 10, 3, { palette: true });
    const sixteen = await sharp(Buffer.alloc(20 * 10 * 3, 100), { raw: { width: 20, height: 10, channels: 3 } }).toColourspace('rgb16').png().toBuffer();
    const interlaced = await noisyPng(20, 10, 3, { progressive: true });
    const damaged = Buffer.from(await noisyPng(20, 10, 3));
    damaged[40] = damaged[40]! ^ 1;
    for (const png of [palette, sixteen, interlaced, damaged]) expect(decodeSimplePng(png, inflate)).toBeUndefined();
    expect((await decodeImage(palette, 'p')).channels).toBe(3);
    await expect(decodeImage(damaged.subarray(0, 60), 'item 7')).rejects.toThrow(/^item 7: not a decodable image/);
  });
});
