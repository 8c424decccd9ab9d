import { PassThrough } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { writeChunks, type CliContext } from '../../src/cli/context.js';
import { jsonArrayChunks } from '../../src/formats/json-array.js';
import { seededRng } from '../../src/stats/index.js';
import { FREQUENCY_COLUMNS, frequencyCsv, frequencyCsvChunks } from '../../src/verify/frequency-csv.js';
import type { FrequencyRow } from '../../src/verify/frequency-rows.js';

const ODD = ['plain', 'with,comma', 'with "quote"', 'two\nlines', 'cr\ronly', '', ' spaced ', '😀'];

function rows(n: number, seed: number): Array<FrequencyRow & { posterior: number }> {
  const rng = seededRng(seed);
  return Array.from({ length: n }, (_, i) => {
    const shown = rng.int(12);
    const selected = rng.int(shown + 1);
    const seen = shown > 0;
    return {
      image: `${ODD[rng.int(ODD.length)]}${i}`, wnid: 'n04197391', selected, shown,
      frequency: seen ? selected / shown : null, lower: seen ? rng.next() / 2 : null, upper: seen ? 0.5 + rng.next() / 2 : null,
      roles: rng.int(2) ? ['candidate'] : ['candidate', 'positive'], items: Array.from({ length: rng.int(3) }, () => `d/pool/${ODD[rng.int(ODD.length)]}`),
      hidden: false, posterior: rng.int(3) === 0 ? Number.NaN : rng.next(),
    };
  });
}

describe('frequency output', () => {
  it('writes the CSV csv-stringify writes, in chunks that join to it', () => {
    for (const posterior of [false, true]) {
      const list = rows(20_000, posterior ? 2 : 1);
      const expected = stringify([[...FREQUENCY_COLUMNS, ...(posterior ? ['posterior'] : [])], ...list.map((r) => [
        r.image, r.wnid, r.selected, r.shown, r.frequency ?? '', r.lower ?? '', r.upper ?? '', r.roles.join('|'), r.items.join('|'),
        ...(posterior ? [Number.isNaN(r.posterior) ? '' : String(r.posterior)] : []),
      ])]);
      const chunks = [...frequencyCsvChunks(list.length, (k) => list[k]!, { posterior })];
      expect(chunks.length).toBeGreaterThan(1);
      expect(chunks.join('')).toBe(expected);
      expect(frequencyCsv(list, { posterior })).toBe(expected);
    }
  });

  it('does not reuse a cached count text for other numbers with the same counts', () => {
    const base = { ...rows(1, 3)[0]!, image: 'x', items: [] };
    const [a, b] = [base, base];
    const list = [{ ...a, shown: 4, selected: 1, frequency: 0.25, lower: 0.1, upper: 0.7 }, { ...b, shown: 4, selected: 1, frequency: 0.25, lower: 0.2, upper: 0.6 }];
    expect(frequencyCsv(list).split('\n').slice(1, 3).map((l) => l.split(',').slice(-6, -2).join(','))).toEqual(['4,0.25,0.1,0.7', '4,0.25,0.2,0.6']);
  });

  it('streams a JSON array exactly as JSON.stringify prints it, indented or not', async () => {
    for (const n of [0, 1, 2, 9000]) {
      const list = rows(n, 4 + n);
      const out = new PassThrough();
      const parts: Buffer[] = [];
      out.on('data', (d: Buffer) => parts.push(d));
      const ctx: CliContext = { stdout: out, stderr: new PassThrough(), interactive: false, env: {} };
      await writeChunks(ctx, jsonArrayChunks(list.length, (k) => list[k], { indent: 2 }));
      expect(Buffer.concat(parts).toString()).toBe(JSON.stringify(list, null, 2));
      expect([...jsonArrayChunks(list.length, (k) => list[k])].join('')).toBe(JSON.stringify(list));
    }
  });
});
