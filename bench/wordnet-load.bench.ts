// WordNet load and lookup times: `npx vitest bench --run bench/wordnet-load.bench.ts`.
// Budgets (docs/wordnet.md): load ≤ 1 s, show/queries ≤ 1 ms. Kept out of unit tests because timings are noisy.
import { bench, describe } from 'vitest';
import { readWordNet } from '../src/wordnet/load-wordnet.js';

const wn = readWordNet();
wn.search('warm up the lemma index');

describe('wordnet', () => {
  bench('readWordNet: read + gunzip + parse (uncached load)', () => {
    readWordNet();
  }, { iterations: 5, warmupIterations: 1 });

  bench('show n02085782', () => {
    wn.show('n02085782');
  });

  bench('queries n02085782', () => {
    wn.queries('n02085782');
  });

  bench('search "dog"', () => {
    wn.search('dog');
  });

  bench('pathSimilarity dog/cat', () => {
    wn.pathSimilarity('n02084071', 'n02121620');
  });

  bench('similar n02085782 among all 82k nouns, top 10', () => {
    wn.similar('n02085782');
  });
});
