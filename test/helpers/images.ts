import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { formatIdx } from '../../src/formats/dataset/idx.js';

export type TestImageFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'tiff';

export interface TestImageOptions {
  readonly format?: TestImageFormat;
  readonly width?: number;
  readonly height?: number;
}

/**
 * A small real image whose pixels depend on `seed`, so different seeds give different bytes (and sha256s) in every
 * format, lossy ones included. Deterministic: the same seed and options give the same bytes.
 */
export async function makeImage(seed: number, { format = 'png', width = 8, height = 6 }: TestImageOptions = {}): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      raw[o] = (seed * 37 + x * 29) & 255;
      raw[o + 1] = (seed * 91 + y * 41) & 255;
      raw[o + 2] = ((seed >> 8) * 53 + seed * 17 + x * y) & 255;
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).toFormat(format).toBuffer();
}

/** Writes files below `root`: keys are relative paths with forward slashes, values bytes or text. */
export async function writeTree(root: string, files: Readonly<Record<string, Uint8Array | string>>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(root, ...rel.split('/'));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
}

/** A JPEG cut short: its header parses, its pixels do not (the case a header-only check misses). */
export async function truncatedJpeg(seed: number): Promise<Buffer> {
  const full = await makeImage(seed, { format: 'jpeg', width: 64, height: 48 });
  return full.subarray(0, Math.floor(full.length * 0.6));
}

/** MNIST-style IDX files for `labels.length` images of `rows × cols` pixels, pixels derived from the index. */
export function makeIdx(labels: readonly number[], rows = 28, cols = 28): { images: Uint8Array; labels: Uint8Array; pixels: (i: number) => Uint8Array } {
  const pixels = (i: number) => {
    const p = new Uint8Array(rows * cols);
    for (let k = 0; k < p.length; k++) p[k] = (i * 131 + k * 7) & 255;
    p.set([i & 255, (i >> 8) & 255, (i >> 16) & 255].slice(0, p.length)); // the index itself: distinct images
    return p;
  };
  const data = new Uint8Array(labels.length * rows * cols);
  labels.forEach((_, i) => data.set(pixels(i), i * rows * cols));
  return { images: formatIdx([labels.length, rows, cols], data), labels: formatIdx([labels.length], Uint8Array.from(labels)), pixels };
}
