import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeWtf8, encodeWtf8, hashBytes, maxWtf8Bytes } from '../../../src/formats/predictions/id-bytes.js';
import { IdIndex } from '../../../src/formats/predictions/id-index.js';
import { IdStore } from '../../../src/formats/predictions/id-store.js';
import { BATCH, IdTable } from '../../../src/formats/predictions/id-table.js';

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

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
/** Any UTF-16 string, lone surrogates included. */
const anyString = fc.string({ unit: fc.oneof(fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), fc.constantFrom('😀', 'é', 'a', ',')), maxLength: 8 });

describe('id bytes', () => {
  it('hashes as MurmurHash3 (x86, 32-bit, seed 0)', () => {
    const h = (s: string) => hashBytes(utf8(s), 0, utf8(s).length) >>> 0;
    expect([h(''), h('hello'), h('The quick brown fox jumps over the lazy dog')]).toEqual([0, 0x248bfa47, 0x2e4ff723]);
  });

  it('encodes any string one-to-one, and well-formed ones as UTF-8 (property)', () => {
    fc.assert(fc.property(anyString, anyString, (a, b) => {
      const bytes = (s: string) => {
        const out = new Uint8Array(maxWtf8Bytes(s.length));
        return out.subarray(0, encodeWtf8(s, 0, s.length, out, 0));
      };
      const ea = bytes(a);
      expect(decodeWtf8(ea, 0, ea.length)).toBe(a);
      expect(Buffer.compare(ea, bytes(b)) === 0).toBe(a === b);
      if (!/\p{Surrogate}/u.test(a)) expect(Array.from(ea)).toEqual(Array.from(utf8(a)));
    }), { numRuns: 500 });
  });
});

describe('IdStore', () => {
  it('tracks whether ids ascend and whether they read the same as plain CSV fields', () => {
    const store = (ids: string[]) => {
      const s = new IdStore();
      for (const id of ids) s.addString(id, 0, id.length);
      return s;
    };
    expect(store(['a', 'ab', 'b']).ascending).toBe(true);
    expect(store(['a', 'b', 'b']).ascending).toBe(false);
    expect(store(['b', 'a']).ascending).toBe(false);
    expect(store(['a.jpg', 'é', 'x"y', 'x\ry']).plainCsv).toBe(true);
    for (const bad of ['a,b', '"a', ' a', 'a\t', 'a\nb', 'x\ud800']) expect(store(['a', bad]).plainCsv).toBe(false);
    expect(store(['x\ud800', '😀']).id(0)).toBe('x\ud800');
  });

  it('reads ids from bytes up to a comma, refusing lines without one and bytes that are not ASCII', () => {
    const s = new IdStore();
    const line = (text: string | number[]) => (typeof text === 'string' ? utf8(text) : Uint8Array.from(text));
    expect(s.scanField(line('a.jpg,1\n'), 0)).toBe(5);
    s.addScanned();
    expect(s.scanField(line('b\n,1\n'), 0)).toBe(-1);
    expect(s.scanField(line([0x62, 0xc3, 0xa9, 44, 10]), 0)).toBe(-1);
    expect(s.scanField(line('x,a.jpg,1\n'), 2)).toBe(7);
    s.addScanned();
    expect([s.n, s.id(0), s.id(1), s.ascending]).toEqual([2, 'a.jpg', 'a.jpg', false]);
  });
});

describe('IdTable and batched lookups', () => {
  it('finds the same rows one at a time and in batches, and refuses repeated ids (property)', () => {
    fc.assert(fc.property(fc.uniqueArray(anyString, { maxLength: 600 }), fc.array(anyString, { maxLength: BATCH + 20 }), (ids, extra) => {
      const index = new IdIndex(ids);
      const probes = [...ids.slice(0, BATCH), ...extra];
      const enc = probes.map(utf8ish);
      const text = new Uint8Array(enc.reduce((n, e) => n + e.length, 0));
      const starts = new Int32Array(BATCH);
      const ends = new Int32Array(BATCH);
      const hashes = new Int32Array(BATCH);
      const out = new Int32Array(BATCH);
      let at = 0;
      for (let q0 = 0; q0 < probes.length; q0 += BATCH) {
        const count = Math.min(BATCH, probes.length - q0);
        for (let q = 0; q < count; q++) {
          const e = enc[q0 + q]!;
          text.set(e, at);
          starts[q] = at;
          ends[q] = at + e.length;
          hashes[q] = hashBytes(text, at, at + e.length);
          at += e.length;
        }
        index.getBatch(text, starts, ends, hashes, count, out);
        for (let q = 0; q < count; q++) {
          const want = ids.indexOf(probes[q0 + q]!);
          expect(out[q]).toBe(want);
          expect(index.getBytes(text, starts[q]!, ends[q]!, hashes[q]!)).toBe(want);
        }
      }
      const table = new IdTable(index.store);
      ids.forEach((_, row) => expect(table.insert(row)).toBe(-1));
      const again = new IdStore();
      for (const id of [...ids, ...ids.slice(0, 3)]) again.addString(id, 0, id.length);
      const t2 = new IdTable(again, 1);
      const firsts = Array.from({ length: again.n }, (_, row) => t2.insert(row));
      expect(firsts).toEqual([...ids.map(() => -1), ...ids.slice(0, 3).map((_, i) => i)]);
    }), { numRuns: 100 });
  });

  it('makes the id strings of a store only when asked', () => {
    const store = new IdStore();
    for (const id of ['b', 'a', 'é']) store.addString(id, 0, id.length);
    const index = new IdIndex(store);
    expect(index.id(2)).toBe('é');
    expect(index.ids).toEqual(['b', 'a', 'é']);
    expect(index.get('a')).toBe(1);
  });
});

/** The WTF-8 bytes of a string, as the store keeps them. */
function utf8ish(s: string): Uint8Array {
  const out = new Uint8Array(maxWtf8Bytes(s.length));
  return out.subarray(0, encodeWtf8(s, 0, s.length, out, 0));
}
