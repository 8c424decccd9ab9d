import { describe, expect, it } from 'vitest';
import { loadWordNet } from '../../src/wordnet/load-wordnet.js';
import { searchQueries } from '../../src/wordnet/search-queries.js';

const wn = loadWordNet();

describe('WordNet.queries (ImageNet-style search queries)', () => {
  it('Japanese spaniel: lemma, then lemma + ancestor phrase and head noun found in "breed of toy dogs ..."', () => {
    expect(wn.show('n02085782').definition).toMatch(/^breed of toy dogs/);
    expect(wn.queries('n02085782')).toEqual(['Japanese spaniel', 'Japanese spaniel toy dog', 'Japanese spaniel dog']);
  });

  it('goldfish: every lemma gets the variant, plural "fishes" matches "fish"', () => {
    expect(wn.queries('n01443537')).toEqual(['goldfish', 'Carassius auratus', 'goldfish fish', 'Carassius auratus fish']);
  });

  it('skips a term the lemma already contains', () => {
    expect(wn.show('n02087122').definition).toBe('a dog used in hunting game');
    expect(wn.queries('n02087122')).toEqual(['hunting dog']);
    expect(wn.queries('n02110185')).toEqual(['Siberian husky', 'Siberian husky sled dog', 'Siberian husky dog']);
  });

  it('returns just the lemmas when no ancestor word is in the definition', () => {
    expect(wn.queries('n02100735')).toEqual(['English setter']);
  });
});

describe('searchQueries rule', () => {
  const deep = (...lemmas: string[]) => ({ lemmas, depth: 9 });

  it('matches whole words only, with regular plurals of the last word', () => {
    expect(searchQueries(['x'], 'a small puppy', [deep('pup')])).toEqual(['x']);
    expect(searchQueries(['x'], 'one of the berries', [deep('berry')])).toEqual(['x', 'x berry']);
    expect(searchQueries(['x'], 'kept by fishermen', [deep('fisherman')])).toEqual(['x', 'x fisherman']);
    expect(searchQueries(['x'], 'like wolves', [deep('wolf')])).toEqual(['x', 'x wolf']);
    expect(searchQueries(['x'], 'Boxes and foxes', [deep('box', 'fox')])).toEqual(['x', 'x box', 'x fox']);
  });

  it('drops modifiers inside a longer match but keeps its head', () => {
    expect(searchQueries(['x'], 'breed of toy dogs', [deep('toy dog', 'toy'), deep('dog')])).toEqual(['x', 'x toy dog', 'x dog']);
  });

  it('ignores ancestors shallower than depth 4 and heads of prepositional lemmas', () => {
    expect(searchQueries(['x'], 'a whole object', [{ lemmas: ['whole'], depth: 3 }, { lemmas: ['object'], depth: 2 }])).toEqual(['x']);
    expect(searchQueries(['x'], 'a device of the state', [deep('chair of state')])).toEqual(['x']);
    expect(searchQueries(['x'], 'a chair of state', [deep('chair of state')])).toEqual(['x', 'x chair of state']);
  });

  it('dedupes case-insensitively and keeps order: lemmas first, then variants per lemma', () => {
    expect(searchQueries(['A b', 'a B', 'c'], 'some dog', [deep('dog'), deep('Dog')])).toEqual(['A b', 'c', 'A b dog', 'c dog']);
  });
});
