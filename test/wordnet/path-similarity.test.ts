import { describe, expect, it } from 'vitest';
import { loadBuiltinClassSet } from '../../src/catalog/builtin-class-sets.js';
import { loadWordNet } from '../../src/wordnet/load-wordnet.js';
import { pathDistancesFrom } from '../../src/wordnet/path-similarity.js';
import { HAS_DEBIAN_WORDNET, NEEDS_DEBIAN, nltkPathSimilarity } from './debian-wordnet.js';

const wn = loadWordNet();
const ilsvrc = loadBuiltinClassSet('ilsvrc2012').entries.map((e) => e.wnid);

describe('WordNet.pathSimilarity', () => {
  it('matches values NLTK gives for WordNet 3.0', () => {
    expect(wn.pathSimilarity('n02084071', 'n02121620')).toBeCloseTo(0.2, 12); // dog.n.01 vs cat.n.01 (NLTK howto)
    expect(wn.pathSimilarity('n02084071', 'n02084071')).toBe(1);
    expect(wn.pathSimilarity('n02085782', 'n02085374')).toBe(0.5); // Japanese spaniel → toy dog
    expect(wn.pathSimilarity('n02085782', 'n02084071')).toBeCloseTo(1 / 3, 12);
    expect(wn.pathSimilarity('n00001740', 'n02084071')).toBeCloseTo(1 / 9, 12); // dog's min depth is 8
  });

  it('is symmetric', () => {
    expect(wn.pathSimilarity('n01443537', 'n04592741')).toBe(wn.pathSimilarity('n04592741', 'n01443537'));
  });

  it.skipIf(!HAS_DEBIAN_WORDNET)(`agrees with an independent NLTK-style BFS on 300 ImageNet pairs${NEEDS_DEBIAN}`, () => {
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) % ilsvrc.length;
    for (let i = 0; i < 300; i++) {
      const a = ilsvrc[next()]!;
      const b = ilsvrc[next()]!;
      expect(wn.pathSimilarity(a, b)).toBeCloseTo(nltkPathSimilarity(a.slice(1), b.slice(1)), 12);
    }
    expect(wn.pathSimilarity('n08851034', 'n02084071')).toBeCloseTo(nltkPathSimilarity('08851034', '02084071'), 12); // instance
  });

  it.skipIf(!HAS_DEBIAN_WORDNET)(`distances to all 82k nouns agree with the pairwise definition${NEEDS_DEBIAN}`, () => {
    for (const source of ['n02085782', 'n08851034']) {
      const dist = pathDistancesFrom(wn.graph, wn.rowOfWnid(source));
      const wnids = wn.wnids();
      for (let row = 0; row < wnids.length; row += 7) {
        expect(1 / (1 + dist[row]!)).toBeCloseTo(nltkPathSimilarity(source.slice(1), wnids[row]!.slice(1)), 12);
      }
    }
  });
});

describe('WordNet.similar', () => {
  it('ranks by similarity, ties by wnid, and excludes the synset itself', () => {
    const top = wn.similar('n02085782', { top: 8 });
    expect(top[0]).toMatchObject({ wnid: 'n02085374', lemmas: ['toy dog', 'toy'], similarity: 0.5, distance: 1 });
    expect(top.map((t) => t.wnid)).not.toContain('n02085782');
    // All at distance 2: the parent's parent (dog) and the other toy breeds, in wnid order.
    expect(top.slice(1).map((t) => t.wnid)).toEqual(['n02084071', 'n02085620', 'n02085936', 'n02086079', 'n02086240', 'n02086346', 'n02087046']);
    expect(top.slice(1).every((t) => t.similarity === 1 / 3)).toBe(true);
  });

  it('matches brute force over the ILSVRC-2012 classes', () => {
    for (const wnid of ['n02085782', 'n01443537', 'n04592741', 'n07753592']) {
      const expected = ilsvrc
        .filter((w) => w !== wnid)
        .map((w) => ({ wnid: w, similarity: wn.pathSimilarity(wnid, w) }))
        .sort((x, y) => y.similarity - x.similarity || (x.wnid < y.wnid ? -1 : 1))
        .slice(0, 15);
      const got = wn.similar(wnid, { among: ilsvrc, top: 15 });
      expect(got.map((g) => [g.wnid, g.similarity])).toEqual(expected.map((e) => [e.wnid, e.similarity]));
    }
  });

  it('accepts duplicates in among, returns fewer than top when candidates run out, rejects unknown wnids', () => {
    expect(wn.similar('n02084071', { among: ['n02121620', 'n02121620', 'n02084071'] }).map((s) => s.wnid)).toEqual(['n02121620']);
    expect(() => wn.similar('n02084071', { among: ['n99999999'] })).toThrow(/WordNet 3\.0/);
  });
});
