import { describe, expect, it } from 'vitest';
import { loadWordNet } from '../../src/wordnet/load-wordnet.js';

const wn = loadWordNet();

describe('WordNet.search', () => {
  it('ranks exact lemma matches first, by sense number', () => {
    const hits = wn.search('dog');
    const exact = hits.filter((h) => h.match === 'exact');
    // index.noun lists the 7 senses of "dog" in this order.
    expect(exact.map((h) => h.wnid)).toEqual(['n02084071', 'n10114209', 'n10023039', 'n09886220', 'n07676602', 'n03901548', 'n02710044']);
    expect(hits.slice(0, 7)).toEqual(exact);
    expect(hits[0]).toMatchObject({ lemmas: ['dog', 'domestic dog', 'Canis familiaris'], matchedLemma: 'dog' });
  });

  it('then whole-word matches, then substrings, each synset once', () => {
    const hits = wn.search('dog');
    const kinds = hits.map((h) => h.match);
    expect(kinds.indexOf('substring')).toBeGreaterThan(kinds.lastIndexOf('word'));
    expect(kinds.lastIndexOf('exact')).toBeLessThan(kinds.indexOf('word'));
    expect(new Set(hits.map((h) => h.wnid)).size).toBe(hits.length);
    expect(hits.find((h) => h.wnid === 'n02085374')).toMatchObject({ match: 'word', matchedLemma: 'toy dog' });
    expect(hits.find((h) => h.wnid === 'n06200929')).toMatchObject({ match: 'substring', matchedLemma: 'doghouse' });
    expect(hits.find((h) => h.wnid === 'n03610524')).toMatchObject({ match: 'word', matchedLemma: 'dog house' }); // kennel
  });

  it('is case-insensitive and treats spaces and underscores alike', () => {
    const a = wn.search('carassius auratus');
    expect(a[0]).toMatchObject({ wnid: 'n01443537', match: 'exact', matchedLemma: 'Carassius auratus' });
    expect(wn.search('Carassius_Auratus')).toEqual(a);
    expect(wn.search('  JAPANESE   spaniel ')[0]?.wnid).toBe('n02085782');
  });

  it('limits, and returns nothing for unknown or empty text', () => {
    expect(wn.search('dog', { limit: 3 })).toHaveLength(3);
    expect(wn.search('xyzzyplugh')).toEqual([]);
    expect(wn.search('   ')).toEqual([]);
  });

  it('treats regex characters literally', () => {
    expect(wn.search('c.').every((h) => h.lemmas.some((l) => l.toLowerCase().includes('c.')))).toBe(true);
    expect(wn.search('(')).toEqual([]);
  });
});
