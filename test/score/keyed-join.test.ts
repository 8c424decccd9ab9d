import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClassSet } from '../../src/classes/class-set.js';
import { UserError } from '../../src/errors.js';
import { csvLabelsParser } from '../../src/formats/predictions/csv-labels.js';
import { csvPredictionsParser } from '../../src/formats/predictions/csv-predictions.js';
import { jsonlLabelsParser } from '../../src/formats/predictions/jsonl-labels.js';
import { labelDecoder } from '../../src/formats/predictions/label-decoder.js';
import type { ChunkParser, LabelTable, PredictionTable } from '../../src/formats/predictions/tables.js';
import { alignForCounting, alignToLabels } from '../../src/score/core/align-to-labels.js';

// CSV predictions joined to CSV labels by image_id, through every path: ids read as bytes on the fast path (in the
// labels' order or looked up in batches), ids read as text (quoted, spaced, non-ASCII), and no matching while parsing.

const THREE = ClassSet.fromWnids('three', ['n00000003', 'n00000001', 'n00000002']);
const d = labelDecoder(THREE, 'devkit');
const K = 2;

function feed<T>(parser: ChunkParser<T>, bytes: Uint8Array, chunk: number): T {
  for (let i = 0; i < bytes.length; i += chunk) parser.push(bytes.subarray(i, i + chunk));
  return parser.end();
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** `size`: the file size the parser is told, as a multiple of the true one (buffers are sized from it). */
function readLabels(text: string | Uint8Array, chunk = 1 << 20, size?: number): LabelTable {
  const bytes = typeof text === 'string' ? utf8(text) : text;
  return feed(csvLabelsParser({ file: 'l.csv', decoder: d, ...(size ? { sizeHint: Math.round(size * bytes.length) } : {}) }), bytes, chunk);
}

function readPreds(text: string | Uint8Array, labels: LabelTable | undefined, chunk = 1 << 20, size?: number): PredictionTable {
  const labelIds = labels?.idIndex;
  const bytes = typeof text === 'string' ? utf8(text) : text;
  return feed(csvPredictionsParser({ file: 'p.csv', decoder: d, k: K, ...(labelIds ? { labelIds } : {}), ...(size ? { sizeHint: Math.round(size * bytes.length) } : {}) }), bytes, chunk);
}

function outcome(fn: () => Int32Array): number[] | string {
  try {
    return Array.from(fn());
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    return err.message;
  }
}

/** Label order of alignForCounting's rows, to compare with alignToLabels: rows sorted by (label, guesses). */
function countingRows(labels: LabelTable, preds: PredictionTable): string[] | string {
  try {
    const a = alignForCounting(labels, preds);
    return Array.from(a.labels, (y, i) => `${y}:${Array.from(a.guesses.subarray(i * K, i * K + K)).join(',')}`).sort();
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    return err.message;
  }
}

function labelOrderRows(labels: LabelTable, guesses: number[] | string): string[] | string {
  if (typeof guesses === 'string') return guesses;
  return Array.from(labels.labels, (y, i) => `${y}:${guesses.slice(i * K, i * K + K).join(',')}`).sort();
}

/** A CSV field for `id`: quoted when it must be, or when `quote` says so. */
function field(id: string, quote: boolean): string {
  return quote || /[",\n\r]|^[ \t]|[ \t]$/.test(id) ? `"${id.replaceAll('"', '""')}"` : id;
}

const idChar = fc.constantFrom('a', 'b', 'z', '0', '9', '_', '.', ',', '"', ' ', 'é', '😀');
const idArb = fc.oneof(
  fc.string({ unit: idChar, minLength: 1, maxLength: 5 }),
  fc.integer({ min: 0, max: 99_999 }).map((n) => `ILSVRC2012_val_${String(n).padStart(8, '0')}.JPEG`),
).filter((id) => id.trim() !== '');

interface Case {
  ids: string[];
  labelOrder: 'sorted' | 'shuffled';
  predOrder: number[];
  extra: { kind: 'none' } | { kind: 'drop'; at: number } | { kind: 'repeat'; at: number; to: number } | { kind: 'unknown'; at: number; id: string };
  guesses: number[][];
  crlf: boolean;
  bom: boolean;
  quoteAll: boolean;
  lastNewline: boolean;
  chunk: number;
  matched: boolean;
  size: number | undefined;
}

// Small files, and files long enough that shuffled ids wait in full batches (IdMatcher) across many blocks.
const idsArb = fc.oneof(
  fc.uniqueArray(idArb, { minLength: 1, maxLength: 40, selector: (id) => id }),
  fc.uniqueArray(idArb, { minLength: 300, maxLength: 700, selector: (id) => id, size: 'max' }),
);

const caseArb: fc.Arbitrary<Case> = idsArb.chain((ids) => fc.record({
  ids: fc.constant(ids),
  labelOrder: fc.constantFrom('sorted' as const, 'shuffled' as const),
  predOrder: fc.shuffledSubarray(ids.map((_, i) => i), { minLength: ids.length, maxLength: ids.length }),
  extra: fc.oneof(
    { weight: 3, arbitrary: fc.constant({ kind: 'none' as const }) },
    fc.record({ kind: fc.constant('drop' as const), at: fc.nat(ids.length - 1) }),
    fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(ids.length - 1), to: fc.nat(ids.length) }),
    fc.record({ kind: fc.constant('unknown' as const), at: fc.nat(ids.length), id: fc.constantFrom('zz', '"q,"', 'é!', 'ILSVRC2012_val_00100000.JPEG') }),
  ),
  guesses: fc.array(fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: K }), { minLength: ids.length + 1, maxLength: ids.length + 1 }),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  quoteAll: fc.boolean(),
  lastNewline: fc.boolean(),
  chunk: fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 65, max: 8192 })),
  matched: fc.boolean(),
  size: fc.constantFrom(undefined, 0.3, 1, 3),
}));

/** What the join must give: the first unknown id (by line), else the first repeated one, else the first missing, else the rows. */
function expected(c: Case, labelIds: string[], labelLines: Map<string, number>, predRows: Array<{ id: string; g: number[] }>, predLines: number[]): number[] | string {
  const known = new Set(labelIds);
  const unknown = predRows.findIndex((r) => !known.has(r.id));
  if (unknown >= 0) return `p.csv:${predLines[unknown]}: image_id ${JSON.stringify(predRows[unknown]!.id)} is not in l.csv`;
  const first = new Map<string, number>();
  for (let i = 0; i < predRows.length; i++) {
    const prev = first.get(predRows[i]!.id);
    if (prev !== undefined) return `p.csv:${predLines[i]}: image_id ${JSON.stringify(predRows[i]!.id)} appears twice (first on line ${predLines[prev]})`;
    first.set(predRows[i]!.id, i);
  }
  const missing = labelIds.find((id) => !first.has(id));
  if (missing !== undefined) return `p.csv has no prediction for ${labelIds.length - predRows.length} labelled image(s), the first being ${JSON.stringify(missing)} (l.csv:${labelLines.get(missing)})`;
  const devkitToIndex = [-1, 2, 0, 1];
  return labelIds.flatMap((id) => {
    const g = predRows[first.get(id)!]!.g.map((v) => devkitToIndex[v]!);
    return [...g, ...Array.from({ length: K - g.length }, () => -1)];
  });
}

function render(header: string, rows: string[], c: Case): string {
  const nl = c.crlf ? '\r\n' : '\n';
  return `${c.bom ? '\uFEFF' : ''}${header}${nl}${rows.join(nl)}${c.lastNewline ? nl : ''}`;
}

describe('keyed join of CSV files (differential, property)', () => {
  it('gives the rows, or the first unknown, repeated or missing id with its line, whatever the path', () => {
    fc.assert(fc.property(caseArb, (c) => {
      const byteCompare = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
      const labelIds = c.labelOrder === 'sorted' ? [...c.ids].sort(byteCompare) : c.ids;
      const labelLines = new Map(labelIds.map((id, i) => [id, i + 2]));
      const labelText = render('image_id,label', labelIds.map((id, i) => `${field(id, c.quoteAll && i % 2 === 0)},${1 + (i % 3)}`), c);
      const predRows = c.predOrder.map((j, i) => ({ id: c.ids[j]!, g: c.guesses[i]! }));
      const e = c.extra;
      if (e.kind === 'drop' && predRows.length > 1) predRows.splice(e.at, 1);
      if (e.kind === 'repeat') predRows.splice(e.to, 0, { ...predRows[e.at]!, g: c.guesses[c.ids.length]! });
      if (e.kind === 'unknown' && !c.ids.includes(e.id)) predRows.splice(e.at, 0, { id: e.id, g: [1] });
      const predLines = predRows.map((_, i) => i + 2);
      const predText = render('image_id,pred1,pred2', predRows.map((r, i) => `${field(r.id, c.quoteAll && i % 3 === 0)},${r.g.join(',')}`), c);

      const labels = readLabels(labelText, c.chunk, c.size);
      expect(labels.n).toBe(labelIds.length);
      const preds = readPreds(predText, c.matched ? labels : undefined, c.chunk, c.size);
      const want = expected(c, labelIds, labelLines, predRows, predLines);
      const got = outcome(() => alignToLabels(labels, preds));
      expect(got).toEqual(want);
      expect(countingRows(labels, preds)).toEqual(labelOrderRows(labels, want));
    }), { numRuns: 300 });
  });
});

describe('keyed join of CSV files: cases', () => {
  const labelsText = 'image_id,label\na.jpg,1\nb.jpg,2\n"c,1.jpg",3\né.jpg,1\n';
  const labels = readLabels(labelsText);
  const join = (predText: string) => outcome(() => alignToLabels(labels, readPreds(predText, labels)));

  it('joins shuffled rows, ids with quotes and commas, non-ASCII ids, BOM and CRLF alike', () => {
    const want = [2, -1, 0, -1, 1, -1, 2, -1];
    expect(join('image_id,pred1\na.jpg,1\nb.jpg,2\n"c,1.jpg",3\né.jpg,1\n')).toEqual(want);
    expect(join('\uFEFFimage_id,pred1\r\né.jpg,1\r\n"c,1.jpg",3\r\nb.jpg,2\r\na.jpg,1')).toEqual(want);
    expect(join('image_id,pred1\n "b.jpg" ,2\n"a.jpg",1\n\n"é.jpg",1\n"c,1.jpg" , 3\n')).toEqual(want);
  });

  it('names repeated, unknown and missing ids with their lines', () => {
    expect(join('image_id,pred1\nb.jpg,1\na.jpg,1\n"c,1.jpg",1\nb.jpg,1\n')).toBe('p.csv:5: image_id "b.jpg" appears twice (first on line 2)');
    expect(join('image_id,pred1\né.jpg,1\na.jpg,1\nb.jpg,1\né.jpg,1\n')).toBe('p.csv:5: image_id "é.jpg" appears twice (first on line 2)');
    expect(join('image_id,pred1\nb.jpg,1\n"c,1.jpg",1\n')).toBe('p.csv has no prediction for 2 labelled image(s), the first being "a.jpg" (l.csv:2)');
    expect(join('image_id,pred1\nb.jpg,1\n"x,y",1\nzz,1\n')).toBe('p.csv:3: image_id "x,y" is not in l.csv');
  });

  it('reports the first unknown id by line, though ids looked up in a batch are matched later than quoted ones', () => {
    expect(join('image_id,pred1\nb.jpg,1\nzz,1\n"yy",1\na.jpg,1\n')).toBe('p.csv:3: image_id "zz" is not in l.csv');
    expect(join('image_id,pred1\nb.jpg,1\n"yy",1\nzz,1\na.jpg,1\n')).toBe('p.csv:3: image_id "yy" is not in l.csv');
  });

  it('refuses invalid UTF-8 in an id that would otherwise be read fast, naming its line', () => {
    const bad = new Uint8Array([...utf8('image_id,pred1\na.jpg,1\nb'), 0xff, ...utf8('.jpg,2\n')]);
    expect(outcome(() => alignToLabels(labels, readPreds(bad, labels)))).toBe('p.csv:3: not UTF-8 text');
    expect(outcome(() => alignToLabels(labels, readPreds(bad, undefined)))).toBe('p.csv:3: not UTF-8 text');
    const badLabel = new Uint8Array([...utf8('image_id,label\na.jpg,1\nb'), 0xc3, ...utf8('.jpg,2\n')]);
    expect(outcome(() => readLabels(badLabel).labels)).toBe('l.csv:3: not UTF-8 text');
  });

  it('reports invalid UTF-8 in a block before another error on an earlier line of it, as a text reader does', () => {
    const bytes = new Uint8Array([...utf8('image_id,pred1\na.jpg,1\nb.jpg,x\nc.jpg,1\n'), 0xe9, ...utf8(',1\n')]);
    expect(outcome(() => readPreds(bytes, labels).guesses)).toBe('p.csv:5: not UTF-8 text');
    const dup = new Uint8Array([...utf8('image_id,label\na,1\na,1\n'), 0xe9, ...utf8(',1\n')]);
    expect(outcome(() => readLabels(dup).labels)).toBe('l.csv:4: not UTF-8 text');
    // Fed so that the repeated id and the bad byte fall in different blocks: the repeat comes first.
    expect(outcome(() => readLabels(dup, 23).labels)).toBe('l.csv:3: image_id "a" appears twice (first on line 2)');
  });

  it('reports errors whatever the chunks, as a reader that decodes each chunk\'s whole lines as one block does', () => {
    const bytes = new Uint8Array([...utf8('image_id,pred1\na.jpg,1\nb.jpg,x\nc.jpg,1\n'), 0xe9, ...utf8(',1\n')]);
    const ends = [...bytes.keys()].filter((i) => bytes[i] === 10); // the LF of each line
    for (let chunk = 1; chunk <= bytes.length; chunk++) {
      // Such a reader ends a block at the last LF of each chunk; line 3's error comes first if a block ends on
      // line 3 or 4, else the bad byte on line 5 does.
      const blockEnds = new Set(Array.from({ length: Math.ceil(bytes.length / chunk) }, (_, c) => ends.filter((e) => e >= c * chunk && e < (c + 1) * chunk).at(-1)));
      const want = blockEnds.has(ends[2]) || blockEnds.has(ends[3]) ? 'p.csv:3: pred1: "x" is not a devkit ID (an integer 1..3)' : 'p.csv:5: not UTF-8 text';
      expect(outcome(() => readPreds(bytes, labels, chunk).guesses)).toBe(want);
    }
  });

  it('does not take a stored id for a CSV field when the labels came from JSON with ids CSV would read otherwise', () => {
    const fromJson = feed(jsonlLabelsParser({ file: 'l.jsonl', decoder: d }), utf8('{"image_id":"a,b","label":1}\n{"image_id":" c","label":2}\n'), 1 << 20);
    const preds = (text: string) => outcome(() => alignToLabels(fromJson, readPreds(text, fromJson)));
    expect(preds('image_id,pred1,pred2\na,b,1\n c,1\n')).toBe('p.csv:2: pred1: "b" is not a devkit ID (an integer 1..3)');
    expect(preds('image_id,pred1\n"a,b",1\n" c",2\n')).toEqual([2, -1, 0, -1]);
    const surrogate = feed(jsonlLabelsParser({ file: 'l.jsonl', decoder: d }), utf8('{"image_id":"x\\ud800","label":1}\n'), 1 << 20);
    const wtf8 = new Uint8Array([...utf8('image_id,pred1\nx'), 0xed, 0xa0, 0x80, ...utf8(',1\n')]);
    expect(outcome(() => alignToLabels(surrogate, readPreds(wtf8, surrogate)))).toBe('p.csv:2: not UTF-8 text');
  });
});
