import { describe, expect, it } from 'vitest';
import { seededRng, type Rng } from '../../../src/stats/index.js';
import { readingOrder, type ReadingKeys } from '../../../src/verify/core/index.js';

/** The order readingOrder promises, by a plain comparison sort. */
function plainOrder(k: ReadingKeys): number[] {
  const freq = (i: number) => (k.shown[i] === 0 ? -1 : k.selected[i]! / k.shown[i]!);
  return Array.from({ length: k.length }, (_, i) => i).sort((a, b) =>
    k.classRank[a]! - k.classRank[b]! || freq(b) - freq(a) || k.shown[b]! - k.shown[a]!
    || (k.image(a) < k.image(b) ? -1 : k.image(a) > k.image(b) ? 1 : 0));
}

const hex = (rng: Rng, n: number) => Array.from({ length: n }, () => '0123456789abcdef'[rng.int(16)]).join('');

/** Image keys of one kind: sha256-like, sha256 with long shared heads, URLs, short and odd strings, or a mix. */
function keyMaker(rng: Rng, kind: number): () => string {
  const kinds = [
    () => hex(rng, 64),
    () => `${'0'.repeat(50)}${hex(rng, 14)}`,
    () => `https://example.org/${hex(rng, 3)}/${rng.int(1000)}.jpg`,
    () => ['', 'a', 'a\u0000', 'ab', 'b', '\u0000', 'Z', '😀', 'é'][rng.int(9)]! + hex(rng, rng.int(3)),
  ];
  return kind < kinds.length ? kinds[kind]! : () => kinds[rng.int(kinds.length)]!();
}

describe('reading order of frequency rows', () => {
  it('equals a plain sort by class, frequency, n and image for any keys', () => {
    const rng = seededRng(11);
    for (let round = 0; round < 60; round++) {
      const n = 1 + rng.int(round < 50 ? 300 : 5000);
      const next = keyMaker(rng, round % 5);
      const classes = 1 + rng.int(4);
      const classRank = Int32Array.from({ length: n }, () => rng.int(classes));
      // Keys are unique within a class, as (image, class) pairs are.
      const images: string[] = [];
      const seen = new Set<string>();
      for (let i = 0; i < n; i++) {
        let key = next();
        while (seen.has(`${classRank[i]}\u0001${key}`)) key = next() + hex(rng, 2);
        seen.add(`${classRank[i]}\u0001${key}`);
        images.push(key);
      }
      const shown = Int32Array.from({ length: n }, () => rng.int(4));
      const selected = Int32Array.from(shown, (s) => rng.int(s + 1));
      const keys: ReadingKeys = { length: n, classRank, selected, shown, image: (i) => images[i]! };
      expect([...readingOrder(keys)]).toEqual(plainOrder(keys));
    }
  });

  it('orders unseen rows last in their class and handles no rows', () => {
    const keys: ReadingKeys = {
      length: 4, classRank: Int32Array.of(1, 0, 0, 0), selected: [0, 0, 1, 2], shown: [0, 0, 2, 4], image: (i) => ['d', 'c', 'b', 'a'][i]!,
    };
    expect([...readingOrder(keys)]).toEqual([3, 2, 1, 0]);
    expect([...readingOrder({ length: 0, classRank: new Int32Array(0), selected: [], shown: [], image: () => '' })]).toEqual([]);
  });
});
