import { describe, expect, it } from 'vitest';
import { jsonlLabelsParser } from '../../../src/formats/predictions/jsonl-labels.js';
import { jsonlPredictionsParser } from '../../../src/formats/predictions/jsonl-predictions.js';
import { decoder, parseAll, row, userError } from './helpers.js';

const preds = (text: string, space: 'devkit' | 'index' | 'wnid' = 'devkit') => parseAll(jsonlPredictionsParser({ file: 'p.jsonl', decoder: decoder(space), k: 5 }), text);
const labels = (text: string) => parseAll(jsonlLabelsParser({ file: 'l.jsonl', decoder: decoder() }), text);

describe('JSON Lines', () => {
  it('reads {"image_id", "top"} predictions with integers, numeric strings or wnids', () => {
    const t = preds('{"image_id": "a", "top": [1, "2"], "model": "x"}\n\n{"image_id": 7, "top": [3]}\r\n');
    expect(t).toMatchObject({ format: 'jsonl', n: 2, ids: ['a', '7'] });
    expect(Array.from(t.lines!)).toEqual([1, 3]);
    expect(row(t.guesses, 5, 0)).toEqual([2, 0, -1, -1, -1]);
    expect(row(preds('{"image_id":"a","top":["n00000001"]}', 'wnid').guesses, 5, 0)[0]).toBe(0);
  });

  it('reads {"image_id", "label"} labels', () => {
    const t = labels('{"image_id":"a","label":3}\n{"image_id":"b","label":"1"}\n');
    expect(Array.from(t.labels)).toEqual([1, 2]);
  });

  it('names file and line for every kind of bad record', () => {
    expect(userError(() => preds('{"image_id":"a","top":[1]}\n{"image_id":"b","top":[1,}\n'))).toMatch(/^p\.jsonl:2: not valid JSON/);
    expect(userError(() => preds('[1,2]\n'))).toBe('p.jsonl:1: expected a JSON object per line');
    expect(userError(() => preds('{"top":[1]}\n'))).toBe('p.jsonl:1: "image_id" must be a non-empty string or an integer');
    expect(userError(() => preds('{"image_id":"a","top":[]}\n'))).toBe('p.jsonl:1: "top" must be a non-empty array of guesses, best first');
    expect(userError(() => preds('{"image_id":"a","top":[1, 1.5]}\n'))).toBe('p.jsonl:1: top[1]: "1.5" is not a devkit ID (an integer 1..3)');
    expect(userError(() => preds('{"image_id":"a","top":[1, null]}\n'))).toBe('p.jsonl:1: top[1]: "null" is not a label (expected an integer)');
    expect(userError(() => preds('{"image_id":"a","top":[1]}\n', 'wnid'))).toBe('p.jsonl:1: top[0]: 1 is not a wnid (wnids are strings like "n01440764")');
    expect(userError(() => labels('{"image_id":"a"}\n'))).toBe('l.jsonl:1: missing "label"');
    expect(userError(() => labels('{"image_id":"a","label":1}\n{"image_id":"a","label":2}\n'))).toBe('l.jsonl:2: image_id "a" appears twice (first on line 1)');
    expect(userError(() => preds(''))).toBe('p.jsonl: empty file (no predictions)');
  });
});
