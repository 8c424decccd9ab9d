import { describe, expect, it } from 'vitest';
import { seededRng, type Rng } from '../../src/stats/index.js';
import { packTaskSlots, selectionsText, TaskSlotReader, unpackTaskSlots, type TaskSlot } from '../../src/store/queries/crowd-task-slots.js';

/** Strings made of the characters the format itself uses, digits, separators others use, and a non-BMP character. */
function awkward(rng: Rng, max: number): string {
  const alphabet = ['a', '0', '7', ',', ':', '|', '-', '\u001e', '\u001f', ';', 'é', '😀', '/', ' '];
  return Array.from({ length: rng.int(max + 1) }, () => alphabet[rng.int(alphabet.length)]!).join('');
}

function randomTask(rng: Rng, pairIds: readonly number[]): TaskSlot[] {
  return Array.from({ length: rng.int(7) }, () => {
    const item = rng.next() < 0.7 ? 1 + rng.int(50) : null;
    const key = rng.next() < 0.6 ? rng.int(1e9).toString(16).padStart(64, '0') : awkward(rng, 12);
    const sha = rng.next() < 0.6 ? key : rng.next() < 0.5 ? null : awkward(rng, 8);
    return {
      pairId: pairIds[rng.int(pairIds.length)]!, role: ['candidate', 'positive', 'negative', 'reference', 'c', ''][rng.int(6)]!,
      itemId: item, itemSplitId: item === null ? null : 1 + rng.int(3), itemRef: item === null ? null : awkward(rng, 10),
      imageKey: key, imageSha256: sha,
    };
  });
}

describe('packed task slots', () => {
  it('round-trip any keys, refs and roles, including the characters the format uses', () => {
    const rng = seededRng(11);
    for (let n = 0; n < 500; n++) {
      const slots = randomTask(rng, [1, 2, 3, 1_000_000, 7]);
      expect(unpackTaskSlots(packTaskSlots(slots))).toEqual(slots);
    }
  });

  it('keeps headers short when images follow each other', () => {
    const slots = [0, 1, 2].map((k): TaskSlot => ({
      pairId: 1000 + k, role: 'candidate', itemId: 500 + k, itemSplitId: 3, itemRef: `d/pool/${k}.png`, imageKey: 'f'.repeat(64), imageSha256: 'f'.repeat(64),
    }));
    expect(packTaskSlots(slots)).toBe(`3|1000,500,3,c,64,,12:${'f'.repeat(64)}d/pool/0.png1,1,,c,64,,12:${'f'.repeat(64)}d/pool/1.png1,1,,c,64,,12:${'f'.repeat(64)}d/pool/2.png`);
  });

  it('refuses damaged text instead of reading wrong slots', () => {
    const text = packTaskSlots(randomTask(seededRng(3), [5, 6]).concat([{ pairId: 9, role: 'candidate', itemId: 1, itemSplitId: 1, itemRef: 'r', imageKey: 'k', imageSha256: null }]));
    expect(() => unpackTaskSlots(text.slice(0, -1))).toThrow(/packed task slots/);
    expect(() => unpackTaskSlots(`${text}x`)).toThrow(/trailing/);
    expect(() => unpackTaskSlots(text.replace('|', ','))).toThrow(/packed task slots/);
  });

  it('reads concatenated tasks into columns, numbering pairs by first appearance', () => {
    const rng = seededRng(5);
    const tasks = Array.from({ length: 40 }, () => randomTask(rng, [40, 41, 42, 3, 2, 90, 1]));
    const reader = new TaskSlotReader();
    const text = tasks.map(packTaskSlots).join('');
    let pos = 0;
    for (let t = 0; t < tasks.length; t++) pos = reader.read(text, pos);
    expect(pos).toBe(text.length);

    const flat = tasks.flat();
    const order = [...new Set(flat.map((s) => s.pairId))];
    expect(reader.length).toBe(flat.length);
    expect([...reader.pair.subarray(0, reader.length)]).toEqual(flat.map((s) => order.indexOf(s.pairId)));
    expect([...reader.role.subarray(0, reader.length)].map((c) => reader.roleNames[c])).toEqual(flat.map((s) => s.role));
    expect([...reader.itemId.subarray(0, reader.length)]).toEqual(flat.map((s) => s.itemId ?? 0));
    const first = order.map((id) => flat.find((s) => s.pairId === id)!);
    const columns = reader.columns();
    expect(columns.pairImageKey.toArray()).toEqual(first.map((s) => s.imageKey));
    expect(columns.pairImageSha256.toArray()).toEqual(first.map((s) => s.imageSha256));
    expect(columns.pairItemRef.toArray()).toEqual(first.map((s) => s.itemRef));
    expect([...reader.pairItemId.subarray(0, reader.pairs)]).toEqual(first.map((s) => s.itemId ?? 0));
    expect([...reader.pairItemSplitId.subarray(0, reader.pairs)]).toEqual(first.map((s) => s.itemSplitId ?? 0));
    // Every item a pair shows besides its first slot's is named.
    for (const s of flat) {
      const f = first[order.indexOf(s.pairId)]!;
      if (s.itemId !== null && s.itemId !== f.itemId) expect(reader.otherItems.get(s.itemId)).toBeDefined();
    }
  });

  it('writes selections as ascending positions', () => {
    expect(selectionsText([17, 3, 40])).toBe('3,17,40');
    expect(selectionsText([])).toBe('');
  });
});
