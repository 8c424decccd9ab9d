import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvLabelsParser } from '../../../src/formats/predictions/csv-labels.js';
import { csvPredictionsParser } from '../../../src/formats/predictions/csv-predictions.js';
import { IdIndex } from '../../../src/formats/predictions/id-index.js';
import { decoder, parseAll, parseInChunks, row, userError } from './helpers.js';

const preds = (text: string, k = 5) => parseAll(csvPredictionsParser({ file: 'p.csv', decoder: decoder(), k }), text);
const labels = (text: string) => parseAll(csvLabelsParser({ file: 'l.csv', decoder: decoder() }), text);

describe('CSV predictions', () => {
  it('reads image_id,pred1..predK with ids and line numbers', () => {
    const t = preds('image_id,pred1,pred2,pred3\na.jpg,1,2,3\nb.jpg,3,,\n');
    expect(t).toMatchObject({ format: 'csv', n: 2, ids: ['a.jpg', 'b.jpg'], rowsWithFewerGuesses: 2 });
    expect(Array.from(t.lines!)).toEqual([2, 3]);
    expect(row(t.guesses, 5, 0)).toEqual([2, 0, 1, -1, -1]);
    expect(row(t.guesses, 5, 1)).toEqual([1, -1, -1, -1, -1]);
  });

  it('accepts any column order, extra columns, case, quotes, spaces, BOM, CRLF, blank lines and missing trailing fields', () => {
    const text = '\uFEFFPred2, Image_ID ,model,PRED1\r\n\r\n"2", "a, ""quoted"".jpg" ,x,1\r\n,b.jpg\r\n';
    expect(userError(() => preds(text))).toBe('p.csv:4: no guesses for image_id "b.jpg"');
    const t = preds(text.replace(',b.jpg', '3,b.jpg,y,2'));
    expect(t.ids).toEqual(['a, "quoted".jpg', 'b.jpg']);
    expect(row(t.guesses, 5, 0)).toEqual([2, 0, -1, -1, -1]);
    expect(row(t.guesses, 5, 1)).toEqual([0, 1, -1, -1, -1]);
    expect(preds('image_id,pred1,pred2\na,1\n').n).toBe(1);
  });

  it('counts guesses beyond k and repeated guesses', () => {
    const t = preds('image_id,pred1,pred2,pred3\na,1,1,2\n', 2);
    expect(row(t.guesses, 2, 0)).toEqual([2, 2]);
    expect(t).toMatchObject({ ignoredGuesses: 1, repeatedGuesses: 1 });
  });

  it('splits chunk boundaries anywhere', () => {
    const text = 'image_id,pred1,pred2\r\n"x,y",1,2\r\nz,3,\r\n';
    const whole = preds(text);
    for (const size of [1, 2, 5, 9]) {
      const t = parseInChunks(csvPredictionsParser({ file: 'p.csv', decoder: decoder(), k: 5 }), text, size);
      expect(t.ids).toEqual(whole.ids);
      expect(Array.from(t.guesses)).toEqual(Array.from(whole.guesses));
    }
  });

  it('requires a header and says when a labels file was given instead', () => {
    expect(userError(() => preds('a.jpg,1,2\n'))).toBe('p.csv:1: header required: expected columns image_id,pred1,...,predK (found: a.jpg,1,2)');
    expect(userError(() => preds('image_id,label\na,1\n'))).toBe('p.csv:1: no pred1..predK columns (expected image_id,pred1,...,predK, found: image_id,label); this looks like a labels file');
    expect(userError(() => preds('image_id,pred1,pred3\n'))).toContain('p.csv:1: prediction columns must be pred1..pred2 without gaps');
    expect(userError(() => preds('image_id,pred1,pred1\n'))).toContain('without gaps or repeats');
    expect(userError(() => preds(''))).toBe('p.csv: empty file (expected a header image_id,pred1,...,predK)');
    expect(userError(() => preds('image_id,pred1\n'))).toBe('p.csv: no rows after the header');
  });

  it('names file and line for bad rows', () => {
    const h = 'image_id,pred1,pred2\n';
    expect(userError(() => preds(`${h}a,1,2\nb,1,x\n`))).toBe('p.csv:3: pred2: "x" is not a devkit ID (an integer 1..3)');
    expect(userError(() => preds(`${h}a,,2\n`))).toBe('p.csv:2: pred1 is empty but pred2 is not (guesses must be best first, without gaps)');
    expect(userError(() => preds(`${h}a,1,2,3\n`))).toBe('p.csv:2: 4 fields but the header has 3');
    expect(userError(() => preds(`${h},1,2\n`))).toBe('p.csv:2: empty image_id');
    expect(userError(() => preds(`${h}"a,1,2\n`))).toBe('p.csv:2: unterminated quoted field (a field cannot span lines)');
    expect(userError(() => preds(`${h}"a"b,1,2\n`))).toBe('p.csv:2: unexpected text after a closing quote');
    expect(userError(() => preds(`${h}a,9,2\n`))).toBe('p.csv:2: pred1: devkit ID 9 is out of range for class set three (1..3)');
  });
});

describe('CSV labels', () => {
  it('reads image_id,label (or image,label)', () => {
    const t = labels('image_id,label\na,1\nb,3\n');
    expect(t).toMatchObject({ format: 'csv', n: 2, ids: ['a', 'b'] });
    expect(Array.from(t.labels)).toEqual([2, 1]);
    expect(labels('label,image\n2,a\n').ids).toEqual(['a']);
  });

  it('refuses repeated ids, sorted or not, naming both lines', () => {
    expect(userError(() => labels('image_id,label\na,1\nb,1\nb,2\n'))).toBe('l.csv:4: image_id "b" appears twice (first on line 3)');
    expect(userError(() => labels('image_id,label\nb,1\na,1\nb,2\n'))).toBe('l.csv:4: image_id "b" appears twice (first on line 2)');
    const unsorted = labels('image_id,label\nc,1\na,2\nb,3\n');
    expect(unsorted.ids).toEqual(['c', 'a', 'b']);
  });

  it('says when a predictions file was given instead, and names bad rows', () => {
    expect(userError(() => labels('image_id,pred1\na,1\n'))).toBe('l.csv:1: no label column (expected image_id,label, found: image_id,pred1); this looks like a predictions file');
    expect(userError(() => labels('image_id,label\na,\n'))).toBe('l.csv:2: empty label');
    expect(userError(() => labels('image_id,label\na\n'))).toBe('l.csv:2: empty label');
    expect(userError(() => labels('image_id,label\na,n01440764\n'))).toBe('l.csv:2: "n01440764" is not a devkit ID (an integer 1..3)');
  });
});

describe('CSV fast path and expected ids', () => {
  it('matches rows to label rows while parsing when given the labels\' ids, in order or not', () => {
    const labelIds = new IdIndex(['a', 'b', 'c']);
    const parse = (text: string) => parseAll(csvPredictionsParser({ file: 'p.csv', decoder: decoder(), k: 2, labelIds }), text);
    const inOrder = parse('image_id,pred1\na,1\nb,2\nc,3\n');
    expect(inOrder.ids).toBeUndefined();
    expect(Array.from(inOrder.matched!.labelRows)).toEqual([0, 1, 2]);
    const shuffled = parse('image_id,pred1\nc,1\n"a",2\nb ,3\nzz,1\nyy,1\n');
    expect(Array.from(shuffled.matched!.labelRows)).toEqual([2, 0, 1, -1, -1]);
    expect(shuffled.matched!.firstUnknown).toEqual({ id: 'zz', line: 5 });
  });

  it('reads plain lines and the same lines with quotes and spaces alike (property)', () => {
    const id = fc.stringMatching(/^[A-Za-z0-9_.]{1,12}$/);
    const rowArb = fc.tuple(id, fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 4 }));
    fc.assert(fc.property(fc.uniqueArray(rowArb, { minLength: 1, maxLength: 30, selector: (r) => r[0] }), fc.integer({ min: 1, max: 4 }), fc.boolean(), (rows, k, shared) => {
      const header = 'image_id,pred1,pred2,pred3,pred4\n';
      const plain = header + rows.map(([i, g]) => `${i},${g.join(',')}\n`).join('');
      const fancy = header + rows.map(([i, g]) => `"${i}" , ${g.map((x, j) => (j % 2 ? `"${x}"` : ` ${x}\t`)).join(',')}\r\n`).join('');
      const labelIds = new IdIndex(rows.map((r) => r[0]));
      const a = parseAll(csvPredictionsParser({ file: 'p.csv', decoder: decoder(), k, ...(shared ? { labelIds } : {}) }), plain);
      const b = parseAll(csvPredictionsParser({ file: 'p.csv', decoder: decoder(), k }), fancy);
      if (shared) expect(Array.from(a.matched!.labelRows)).toEqual(rows.map((_, i) => i));
      else expect(a.ids).toEqual(b.ids);
      expect(Array.from(a.guesses)).toEqual(Array.from(b.guesses));
      expect([a.ignoredGuesses, a.repeatedGuesses, a.rowsWithFewerGuesses]).toEqual([b.ignoredGuesses, b.repeatedGuesses, b.rowsWithFewerGuesses]);
      const la = parseAll(csvLabelsParser({ file: 'l.csv', decoder: decoder() }), `image_id,label\n${rows.map(([i, g]) => `${i},${g[0]}\n`).join('')}`);
      const lb = parseAll(csvLabelsParser({ file: 'l.csv', decoder: decoder() }), `image_id,label\n${rows.map(([i, g]) => ` "${i}",${g[0]} \n`).join('')}`);
      expect(la.ids).toEqual(lb.ids);
      expect(Array.from(la.labels)).toEqual(Array.from(lb.labels));
    }), { numRuns: 200 });
  });
});
