import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdIndex } from '../../../src/formats/predictions/id-index.js';

describe('IdIndex', () => {
  it('finds every id and nothing else (property)', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.string({ maxLength: 8 }), { maxLength: 200 }), fc.array(fc.string({ maxLength: 8 }), { maxLength: 50 }), (ids, probes) => {
      const index = new IdIndex(ids);
      ids.forEach((id, i) => expect(index.get(id)).toBe(i));
      for (const p of probes) expect(index.get(p)).toBe(ids.indexOf(p));
    }));
  });

  it('works for an empty list', () => {
    expect(new IdIndex([]).get('x')).toBe(-1);
  });

  it('looks up ranges of a larger text, and checks a row in place', () => {
    const index = new IdIndex(['a.jpg', 'b.jpg', 'é.jpg']);
    const text = 'x,b.jpg,é.jpg,b.jp';
    expect(index.getRange(text, 2, 7)).toBe(1);
    expect(index.getRange(text, 8, 13)).toBe(2);
    expect(index.getRange(text, 14, 18)).toBe(-1);
    expect(index.isAt(1, text, 2, 7)).toBe(true);
    expect(index.isAt(0, text, 2, 7)).toBe(false);
    expect(index.isAt(3, text, 2, 7)).toBe(false);
  });
});
