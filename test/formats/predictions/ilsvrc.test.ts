import { describe, expect, it } from 'vitest';
import { ilsvrcLabelsParser } from '../../../src/formats/predictions/ilsvrc-labels.js';
import { ilsvrcPredictionsParser } from '../../../src/formats/predictions/ilsvrc-predictions.js';
import { decoder, parseAll, parseInChunks, row, userError } from './helpers.js';

const preds = (text: string | Uint8Array, k = 5, space: 'devkit' | 'index' | 'wnid' = 'devkit') =>
  parseAll(ilsvrcPredictionsParser({ file: 'p.txt', decoder: decoder(space), k }), text);
const labels = (text: string) => parseAll(ilsvrcLabelsParser({ file: 'gt.txt', decoder: decoder() }), text);

describe('ILSVRC Task-1 predictions', () => {
  it('reads devkit IDs into class indices, best first, padding short rows with -1', () => {
    const t = preds('1 2 3\n3\n');
    expect(t).toMatchObject({ kind: 'predictions', format: 'ilsvrc', n: 2, k: 5, ignoredGuesses: 0, repeatedGuesses: 0, rowsWithFewerGuesses: 2 });
    expect(row(t.guesses, 5, 0)).toEqual([2, 0, 1, -1, -1]);
    expect(row(t.guesses, 5, 1)).toEqual([1, -1, -1, -1, -1]);
    expect(t.ids).toBeUndefined();
  });

  it('ignores and counts guesses beyond k, counts repeated guesses (which still take a slot, as in eval_flat.m)', () => {
    const t = preds('1 1 2 3 3 2\n2\t3  1\n', 3);
    expect(row(t.guesses, 3, 0)).toEqual([2, 2, 0]);
    expect(t).toMatchObject({ ignoredGuesses: 3, repeatedGuesses: 1, rowsWithFewerGuesses: 0 });
  });

  it('tolerates a BOM, CRLF, tabs, surrounding spaces, a missing final newline and trailing blank lines', () => {
    const t = preds('\uFEFF 1\t2 \r\n3\r\n\r\n  \n');
    expect(t.n).toBe(2);
    expect(row(t.guesses, 5, 1)[0]).toBe(1);
    expect(preds('1 2\n3').n).toBe(2);
  });

  it('gives the same result whatever the chunk boundaries (multi-byte characters, CRLF split)', () => {
    const text = '\uFEFF1 2 3\r\n2 3\r\n3\r\n';
    const whole = preds(text);
    for (const size of [1, 2, 3, 5, 7]) {
      const t = parseInChunks(ilsvrcPredictionsParser({ file: 'p.txt', decoder: decoder(), k: 5 }), text, size);
      expect(Array.from(t.guesses)).toEqual(Array.from(whole.guesses));
    }
  });

  it('reads index and wnid spaces', () => {
    expect(row(preds('0 2\n', 2, 'index').guesses, 2, 0)).toEqual([0, 2]);
    expect(row(preds('n00000003 n00000001\n', 2, 'wnid').guesses, 2, 0)).toEqual([2, 0]);
  });

  it('names file and line for bad tokens, out-of-range IDs, blank lines in the middle and empty files', () => {
    expect(userError(() => preds('1 2\n1 x\n'))).toBe('p.txt:2: "x" is not a devkit ID (an integer 1..3)');
    expect(userError(() => preds('1 2\n4\n'))).toBe('p.txt:2: devkit ID 4 is out of range for class set three (1..3)');
    expect(userError(() => preds('0\n'))).toBe('p.txt:1: devkit ID 0 is out of range for class set three (1..3)');
    expect(userError(() => preds('1 -2\n'))).toBe('p.txt:1: "-2" is not a devkit ID (an integer 1..3)');
    expect(userError(() => preds('1.0\n'))).toContain('p.txt:1: "1.0" is not a devkit ID');
    expect(userError(() => preds('1\n\n2\n'))).toBe('p.txt:2: line has no guesses (every image needs at least one)');
    expect(userError(() => preds('3 3', 5, 'index'))).toBe('p.txt:1: class index 3 is out of range for class set three (0..2)');
    expect(userError(() => preds('n00000009\n', 5, 'wnid'))).toBe('p.txt:1: wnid n00000009 is not in class set three');
    expect(userError(() => preds('1\n2\n99999999999999999999999\n'))).toContain('p.txt:3: devkit ID 99999999999999999999999 is out of range');
    expect(userError(() => preds(''))).toBe('p.txt: empty file (no predictions)');
    expect(userError(() => preds('\n \n'))).toBe('p.txt: empty file (no predictions)');
  });

  it('refuses text that is not UTF-8, naming the line', () => {
    const bytes = new Uint8Array([0x31, 0x0a, 0x32, 0x0a, 0xff, 0x0a]);
    expect(userError(() => preds(bytes))).toBe('p.txt:3: not UTF-8 text');
  });
});

describe('ILSVRC ground truth', () => {
  it('reads one devkit ID per line', () => {
    const t = labels('1\n2\r\n 3 \n');
    expect(Array.from(t.labels)).toEqual([2, 0, 1]);
    expect(t).toMatchObject({ kind: 'labels', format: 'ilsvrc', n: 3 });
  });

  it('names file and line for two labels on a line, bad IDs, blank lines and empty files', () => {
    expect(userError(() => labels('1\n2 3\n'))).toBe('gt.txt:2: more than one label on the line (a labels file has one class ID per line)');
    expect(userError(() => labels('1\nfoo\n'))).toBe('gt.txt:2: "foo" is not a devkit ID (an integer 1..3)');
    expect(userError(() => labels('1\n\n2\n'))).toBe('gt.txt:2: empty line (one class ID per line)');
    expect(userError(() => labels(''))).toBe('gt.txt: empty file (no labels)');
  });
});

describe('invalid UTF-8 is located by line', () => {
  it.each([
    ['a lone continuation byte', [0x80]],
    ['a truncated sequence', [0xe2, 0x82]],
    ['an overlong form', [0xe0, 0x80, 0x80]],
    ['a surrogate', [0xed, 0xa0, 0x80]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
  ])('%s', (_name, bad) => {
    const bytes = new Uint8Array([0x31, 0x0a, 0x32, 0x0a, 0x33, 0x20, ...bad, 0x0a, 0x31, 0x0a]);
    expect(userError(() => parseAll(ilsvrcPredictionsParser({ file: 'p.txt', decoder: decoder(), k: 5 }), bytes))).toBe('p.txt:3: not UTF-8 text');
  });
});

describe('the byte-level parsers keep the text readers\' rules', () => {
  it('reports invalid UTF-8 in a block before any other error in it, as the text formats do', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('1\nx\n\n2\n'), 0xff, 0x0a]);
    expect(userError(() => preds(bytes))).toBe('p.txt:5: not UTF-8 text');
    expect(userError(() => parseAll(ilsvrcLabelsParser({ file: 'gt.txt', decoder: decoder() }), bytes))).toBe('gt.txt:5: not UTF-8 text');
  });

  it('reads wnids and names non-ASCII tokens whole, in ASCII and non-ASCII blocks alike', () => {
    expect(row(preds('n00000002 n00000003\n', 2, 'wnid').guesses, 2, 0)).toEqual([1, 2]);
    expect(userError(() => preds('n00000002 é\n', 2, 'wnid'))).toBe('p.txt:1: "é" is not a wnid (n + 8 digits)');
    expect(userError(() => preds('1 2\n3 1é\n'))).toBe('p.txt:2: "1é" is not a devkit ID (an integer 1..3)');
    expect(userError(() => labels('1\n2x\n'))).toBe('gt.txt:2: "2x" is not a devkit ID (an integer 1..3)');
  });

  it('treats a last line without a newline like any other', () => {
    expect(Array.from(labels('1\n3').labels)).toEqual([2, 1]);
    expect(userError(() => labels('1\n\n3'))).toBe('gt.txt:2: empty line (one class ID per line)');
    expect(row(preds('1\n2 3 3').guesses, 5, 1)).toEqual([0, 1, 1, -1, -1]);
  });
});
