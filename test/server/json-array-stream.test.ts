import { describe, expect, it } from 'vitest';
import { jsonArrayStream } from '../../src/server/json-array-stream.js';

describe('JSON array stream', () => {
  it('sends what JSON.stringify would, in chunks', async () => {
    for (const n of [0, 1, 2047, 2048, 5000]) {
      const items = Array.from({ length: n }, (_, i) => ({ i, s: `"quoted" ${i} é😀`, f: i % 3 === 0 ? null : i / 7 }));
      const chunks: Uint8Array[] = [];
      for await (const chunk of jsonArrayStream(n, (k) => items[k])) chunks.push(chunk);
      expect(chunks.length).toBe(n === 0 ? 1 : Math.floor((n + 1) / 2048) + 1);
      expect(Buffer.concat(chunks).toString('utf8')).toBe(JSON.stringify(items));
    }
  });
});
