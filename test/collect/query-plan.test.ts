import { describe, expect, it } from 'vitest';
import { buildQueryPlan } from '../../src/collect/core/index.js';
import { loadWordNet } from '../../src/wordnet/load-wordnet.js';

const chin = { wnid: 'n02085782', lemmas: ['Japanese spaniel'], queries: ['Japanese spaniel', 'Japanese spaniel dog'] };

describe('buildQueryPlan', () => {
  it('marks lemmas and disambiguated variants and splits a class quota exactly', () => {
    const plan = buildQueryPlan([chin, { wnid: 'n1', lemmas: ['a', 'b', 'c'], queries: ['a', 'b', 'c'] }], { perClass: 100 });
    expect(plan).toEqual([
      { wnid: 'n02085782', query: 'Japanese spaniel', kind: 'lemma', quota: 50 },
      { wnid: 'n02085782', query: 'Japanese spaniel dog', kind: 'disambiguated', quota: 50 },
      { wnid: 'n1', query: 'a', kind: 'lemma', quota: 34 },
      { wnid: 'n1', query: 'b', kind: 'lemma', quota: 33 },
      { wnid: 'n1', query: 'c', kind: 'lemma', quota: 33 },
    ]);
  });

  it('applies hand overrides: replace, add and drop, without duplicates', () => {
    expect(buildQueryPlan([chin], { overrides: { n02085782: { replace: ['Japanese chin dog', 'japanese CHIN dog'] } } }).map((q) => [q.query, q.kind]))
      .toEqual([['Japanese chin dog', 'override']]);
    expect(buildQueryPlan([chin], { perQuery: 7, overrides: { n02085782: { drop: ['japanese spaniel dog'], add: ['chin  dog'] } } }))
      .toEqual([
        { wnid: 'n02085782', query: 'Japanese spaniel', kind: 'lemma', quota: 7 },
        { wnid: 'n02085782', query: 'chin dog', kind: 'override', quota: 7 },
      ]);
    expect(buildQueryPlan([chin], { disambiguate: false }).map((q) => q.query)).toEqual(['Japanese spaniel']);
  });

  it('takes its queries from the shipped WordNet, as ImageNet did', () => {
    const wn = loadWordNet();
    const plan = buildQueryPlan([{ wnid: 'n09472597', lemmas: wn.lemmas('n09472597'), queries: wn.queries('n09472597') }], { perClass: 10 });
    expect(plan[0]).toMatchObject({ query: 'volcano', kind: 'lemma' });
    expect(plan.some((q) => q.kind === 'disambiguated' && q.query === 'volcano mountain')).toBe(true);
    expect(plan.reduce((s, q) => s + (q.quota ?? 0), 0)).toBe(10);
  });
});
