import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { loadWordNet } from '../../src/wordnet/load-wordnet.js';
import { ENTITY_WNID } from '../../src/wordnet/wordnet.js';
import { HAS_DEBIAN_WORDNET, NEEDS_DEBIAN, debianLine, debianNouns, nltkMinDepth } from './debian-wordnet.js';

const wn = loadWordNet();

describe('loadWordNet().show', () => {
  it('has every WordNet 3.0 noun synset', () => {
    expect(wn.size).toBe(82115);
    expect(loadWordNet()).toBe(wn); // cached
  });

  it('goldfish n01443537', () => {
    const s = wn.show('n01443537');
    expect(s.lemmas).toEqual(['goldfish', 'Carassius auratus']);
    expect(s.definition).toBe('small golden or orange-red freshwater fishes of Eurasia used as pond or aquarium fishes');
    expect(s.examples).toEqual([]);
    expect(s.hypernyms).toEqual([{ wnid: 'n01439121', lemmas: ['cyprinid', 'cyprinid fish'], instance: false }]);
  });

  it('dog n02084071: two hypernyms, depth 8 (NLTK min_depth)', () => {
    const s = wn.show('n02084071');
    expect(s.lemmas).toEqual(['dog', 'domestic dog', 'Canis familiaris']);
    expect(s.hypernyms.map((h) => h.wnid)).toEqual(['n02083346', 'n01317541']); // canine, domestic animal
    expect(s.depth).toBe(8);
  });

  it('entity is the root with depth 0', () => {
    const s = wn.show(ENTITY_WNID);
    expect(s.lemmas).toEqual(['entity']);
    expect(s.hypernyms).toEqual([]);
    expect(s.depth).toBe(0);
  });

  it('splits a gloss into definition and examples', () => {
    const s = wn.show('n00002684');
    expect(s.lemmas).toEqual(['object', 'physical object']);
    expect(s.definition).toBe('a tangible and visible entity; an entity that can cast a shadow');
    expect(s.examples).toEqual(['it was full of rackets, balls and other objects']);
    const whole = wn.show('n00003553');
    expect(whole.definition).toBe('an assemblage of parts that is regarded as a single entity');
    expect(whole.examples).toEqual(['how big is that part compared to the whole?', 'the team is a unit']);
  });

  it('marks instance hypernyms', () => {
    const bruges = wn.show('n08851034');
    expect(bruges.lemmas).toEqual(['Bruges', 'City of Bridges']);
    expect(bruges.hypernyms).toEqual([{ wnid: 'n08524735', lemmas: ['city', 'metropolis', 'urban center'], instance: true }]);
  });

  it('hypernym chains of ImageNet classes end at entity', () => {
    for (const wnid of ['n01443537', 'n02085782', 'n04592741', 'n07753592', 'n08851034']) {
      let current = wn.show(wnid);
      const seen = [wnid];
      while (current.hypernyms.length > 0) {
        const parent = current.hypernyms[0]!;
        const next = wn.show(parent.wnid);
        expect(current.depth).toBeLessThanOrEqual(next.depth + 1); // depth is a minimum over all parents
        current = next;
        seen.push(current.wnid);
      }
      expect(seen.at(-1)).toBe(ENTITY_WNID);
    }
    const chain = ['n02085782', 'n02085374', 'n02084071', 'n02083346', 'n02075296', 'n01886756', 'n01861778', 'n01471682'];
    chain.slice(1).forEach((parent, i) => expect(wn.show(chain[i]!).hypernyms.map((h) => h.wnid)).toContain(parent));
  });

  it('rejects malformed and absent wnids with a UserError', () => {
    expect(() => wn.show('goldfish')).toThrow(UserError);
    expect(() => wn.show('n1443537')).toThrow(/n" \+ 8 digits/);
    // A plausible id that is no synset start in 3.0: the message must point at 3.0 vs 3.1 offsets.
    expect(() => wn.show('n01443538')).toThrow(UserError);
    expect(() => wn.show('n01443538')).toThrow(/WordNet 3\.1/);
  });
});

describe(`shipped data agrees with Debian wordnet-base data.noun${NEEDS_DEBIAN}`, () => {
  it.skipIf(!HAS_DEBIAN_WORDNET)('goldfish and dog lines parse to the same lemmas, hypernyms and gloss', () => {
    for (const wnid of ['n01443537', 'n02084071', 'n00002684']) {
      const line = debianLine(wnid.slice(1))!;
      const [fields, gloss] = line.split(' | ');
      const tokens = fields!.split(' ');
      const n = Number.parseInt(tokens[3]!, 16);
      const lemmas = Array.from({ length: n }, (_, i) => tokens[4 + 2 * i]!.replaceAll('_', ' '));
      const s = wn.show(wnid);
      expect(s.lemmas).toEqual(lemmas);
      expect(gloss!.trim().startsWith(s.definition)).toBe(true);
      const hypernyms = [...fields!.matchAll(/ @i? (\d{8}) n /g)].map((m) => `n${m[1]}`);
      expect(s.hypernyms.map((h) => h.wnid)).toEqual(hypernyms);
    }
  });

  it.skipIf(!HAS_DEBIAN_WORDNET)('every synset: same lemmas, same class and instance hypernyms, same depth', () => {
    const nouns = debianNouns();
    expect(nouns.size).toBe(wn.size);
    const memo = new Map<string, number>();
    for (const [offset, d] of nouns) {
      const s = wn.show(`n${offset}`);
      expect(s.lemmas).toEqual(d.lemmas.map((l) => l.replaceAll('_', ' ')));
      expect(s.hypernyms.filter((h) => !h.instance).map((h) => h.wnid)).toEqual(d.hypernyms.map((h) => `n${h}`));
      expect(s.hypernyms.filter((h) => h.instance).map((h) => h.wnid)).toEqual(d.instanceHypernyms.map((h) => `n${h}`));
      expect(s.depth).toBe(nltkMinDepth(offset, memo));
      // The definition is a prefix of the gloss unless quotes were removed from inside it.
      if (s.examples.length === 0 && !d.gloss.includes('"')) expect(s.definition).toBe(d.gloss.replace(/[;:,\s]+$/, ''));
    }
  });
});
