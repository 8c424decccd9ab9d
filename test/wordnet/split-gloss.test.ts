import { describe, expect, it } from 'vitest';
import { splitGloss } from '../../src/wordnet/split-gloss.js';

describe('splitGloss', () => {
  it('splits `definition; "example"; "example"` like NLTK', () => {
    expect(splitGloss('an assemblage of parts; "how big is that part?"; "the team is a unit"')).toEqual({
      definition: 'an assemblage of parts',
      examples: ['how big is that part?', 'the team is a unit'],
    });
  });

  it('keeps a definition without examples, dropping trailing separators', () => {
    expect(splitGloss('a dog used in hunting game')).toEqual({ definition: 'a dog used in hunting game', examples: [] });
    expect(splitGloss('a workplace; ')).toEqual({ definition: 'a workplace', examples: [] });
  });

  it('keeps quotes that belong to the definition', () => {
    const s = splitGloss('significant progress (especially in the phrase "make strides"); "they made big strides in productivity"');
    expect(s.definition).toBe('significant progress (especially in the phrase "make strides")');
    expect(s.examples).toEqual(['they made big strides in productivity']);
    expect(splitGloss('a demand especially in the phrase "the call of duty"').definition).toBe('a demand especially in the phrase "the call of duty"');
    expect(splitGloss('a report (e.g., "he said `I am a fool\'")').examples).toEqual([]);
  });

  it('accepts colon and comma separators, attributions and an unterminated last example', () => {
    expect(splitGloss('a complete extent or range: "a face that expressed a gamut of emotions"')).toEqual({
      definition: 'a complete extent or range',
      examples: ['a face that expressed a gamut of emotions'],
    });
    expect(splitGloss('the trait of being serious; "a lack of solemnity"- Robert Rice').examples).toEqual(['a lack of solemnity']);
    expect(splitGloss('an announcement; "an obituary notice"; "a notice of sale').examples).toEqual(['an obituary notice', 'a notice of sale']);
  });

  it('drops a stray closing quote', () => {
    expect(splitGloss('a local branch where postal services are available"').definition).toBe('a local branch where postal services are available');
  });
});
