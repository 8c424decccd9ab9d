import { afterAll, describe, expect, it } from 'vitest';
import { parseSubmission } from '../../src/challenges/parse-submission.js';
import { storedSplits } from '../../src/challenges/stored-splits.js';
import { createSubmissionPool } from '../../src/challenges/submission-pool.js';
import { RETAINED, shapeOf, type ShapeMessage } from '../../src/challenges/submission-worker.js';

// The pool batches upload pieces before they cross to a worker thread, and sends hidden labels and split assignments
// once per worker, naming them by reference afterwards; both must be invisible in the results.

const pool = createSubmissionPool(1);
afterAll(() => pool.close());

/** mulberry32, so every run uses the same data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const N = 3000;
const K = 5;
const CLASSES = 10;

function guessesFor(seed: number): Int32Array {
  const r = rng(seed);
  return Int32Array.from({ length: N * K }, () => Math.floor(r() * CLASSES));
}

describe('submission pool', () => {
  it('scores like the inline code when more label sets and assignments are in use than a worker retains', async () => {
    const tables = Array.from({ length: RETAINED + 4 }, (_, t) => {
      const r = rng(100 + t);
      return {
        labels: Int32Array.from({ length: N }, () => Math.floor(r() * CLASSES)),
        // A fresh string each time, as each request reads the phase row anew: equal values must share a reference.
        assignment: () => Array.from({ length: N }, (_, i) => ((i * 7 + t) % 5 === 0 ? 'p' : 'q')).join(''),
      };
    });
    // Forward, back, and interleaved: hits on retained tables and misses on evicted ones, in one worker.
    const order = [...tables.keys(), ...[...tables.keys()].reverse(), 0, RETAINED + 3, 0, 1, RETAINED + 3, 2];
    for (const [step, t] of order.entries()) {
      const { labels, assignment } = tables[t]!;
      const expected = storedSplits(labels, guessesFor(step), K, assignment());
      const got = await pool.score(labels, guessesFor(step), K, assignment());
      expect(got.map((s) => [s.split, s.correct, s.n, s.packedBits, s.perClassJson]), `step ${step}, table ${t}`)
        .toEqual(expected.map((s) => [s.split, s.correct, s.n, s.packedBits, s.perClassJson]));
    }
  });

  it('parses an upload pushed in small odd-sized pieces as the whole file parses inline', async () => {
    const wnids = Array.from({ length: CLASSES }, (_, i) => `n0000000${i}`);
    const images = 60_000; // ~660 kB of Task-1 lines: several 256 kB batches and a partial one
    const message: ShapeMessage = {
      key: 'pieces', imageIds: Array.from({ length: images }, (_, i) => `img${i}`),
      classSet: { name: 'ten', wnids, names: wnids }, labelSpace: 'devkit', k: K, formats: ['ilsvrc'], maxBytes: 1 << 26,
    };
    const r = rng(7);
    const text = Array.from({ length: images }, () => Array.from({ length: K }, () => 1 + Math.floor(r() * CLASSES)).join(' ')).join('\n') + '\n';
    const bytes = new TextEncoder().encode(text);
    const inline = parseSubmission(bytes, 'task1.txt', shapeOf(message));

    const session = pool.begin(() => message, 'pieces', 'task1.txt');
    for (let at = 0; at < bytes.byteLength; at += 7919) session.push(bytes.subarray(at, Math.min(at + 7919, bytes.byteLength)));
    const parsed = await session.end();
    expect(parsed.sha256).toBe(inline.sha256);
    expect(parsed.format).toBe('ilsvrc');
    expect(Array.from(parsed.guesses)).toEqual(Array.from(inline.guesses));
  });

  it('reports the first bad line of a batched upload', async () => {
    const wnids = ['n00000001', 'n00000002'];
    const message: ShapeMessage = {
      key: 'bad', imageIds: Array.from({ length: 40_000 }, (_, i) => `img${i}`),
      classSet: { name: 'two', wnids, names: wnids }, labelSpace: 'devkit', k: K, formats: ['ilsvrc'], maxBytes: 1 << 26,
    };
    const lines = Array.from({ length: 40_000 }, () => '1 2');
    lines[35_000] = '1 x';
    const bytes = new TextEncoder().encode(lines.join('\n') + '\n');
    const session = pool.begin(() => message, 'bad', 'task1.txt');
    for (let at = 0; at < bytes.byteLength; at += 5000) session.push(bytes.subarray(at, Math.min(at + 5000, bytes.byteLength)));
    await expect(session.end()).rejects.toThrow(/^task1.txt:35001: "x" is not a devkit ID/);
  });
});
