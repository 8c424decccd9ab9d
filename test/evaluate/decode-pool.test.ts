import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createDecodePool } from '../../src/evaluate/decode-pool.js';
import { preprocessBatch, type EncodedImage } from '../../src/evaluate/preprocess-batch.js';

const IMAGES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'presets', 'images');

/** Fresh copies each call: the pool transfers the bytes to its worker. */
async function load(names: readonly string[]): Promise<EncodedImage[]> {
  return Promise.all(names.map(async (n) => ({ bytes: new Uint8Array(await readFile(path.join(IMAGES, n))), what: n })));
}

const FIRST = ['photo-500x375.jpg', 'photo-333x257.png'];
const SECOND = ['photo-75x101.jpg', 'rgba-61x47.png'];

describe('decode pool: recycled tensors', () => {
  for (const workers of [0, 1]) {
    it(`a recycled tensor is refilled with the next batch's exact values (${workers} workers)`, async () => {
      const want = await preprocessBatch('imagenet-224', await load(SECOND));
      const pool = createDecodePool(workers);
      try {
        const first = await pool.preprocess('imagenet-224', await load(FIRST));
        const firstCopy = first.slice();
        pool.recycle!(first);
        const second = await pool.preprocess('imagenet-224', await load(SECOND));
        expect(Buffer.from(second.buffer).equals(Buffer.from(want.buffer))).toBe(true);
        expect(Buffer.from(firstCopy.buffer).equals(Buffer.from(want.buffer))).toBe(false);
        // The same memory was reused: in-thread it is the same array, with a worker the old view is detached.
        if (workers === 0) expect(second).toBe(first);
        else expect(first.byteLength).toBe(0);
        // A batch of another length gets a new tensor.
        pool.recycle!(second);
        const third = await pool.preprocess('imagenet-224', await load(SECOND.slice(0, 1)));
        expect(third.length).toBe(want.length / 2);
        expect(Buffer.from(third.buffer).equals(Buffer.from(want.buffer, 0, want.byteLength / 2))).toBe(true);
      } finally {
        await pool.close();
      }
    });
  }
});
