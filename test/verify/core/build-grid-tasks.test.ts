import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRng } from '../../../src/stats/index.js';
import {
  buildGridTasks, candidatesNeedingTasks, checkComposition, controlAccuracy, frequencyHistogram, isTaskOpen,
  mostSimilarClass, openSlots, ROLE_CODE, taskQuestion,
} from '../../../src/verify/core/index.js';

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('buildGridTasks', () => {
  it('makes ImageNetV2 grids: 42 candidates + 3 positives + 3 negatives, last one smaller', () => {
    const plan = buildGridTasks({ wnid: 'n1', candidates: ids('c', 100), positives: ids('p', 50), negatives: ids('n', 50), rng: seededRng(1) });
    expect(plan.tasks.map((t) => t.images.length)).toEqual([48, 48, 22]);
    for (const t of plan.tasks) {
      const roles = t.images.map((i) => i.role);
      expect(roles.filter((r) => r === 'positive')).toHaveLength(3);
      expect(roles.filter((r) => r === 'negative')).toHaveLength(3);
      expect(new Set(t.images.map((i) => i.key)).size).toBe(t.images.length);
    }
    // Every candidate lands in exactly one task.
    expect(plan.tasks.flatMap((t) => t.images.filter((i) => i.role === 'candidate').map((i) => i.key)).sort()).toEqual(ids('c', 100).sort());
    expect([plan.missingPositives, plan.missingNegatives]).toEqual([0, 0]);
  });

  it('is determined by the seed and shuffles controls among candidates', () => {
    const req = { wnid: 'n1', candidates: ids('c', 42), positives: ids('p', 9), negatives: ids('n', 9) };
    const a = buildGridTasks({ ...req, rng: seededRng(5) });
    expect(buildGridTasks({ ...req, rng: seededRng(5) })).toEqual(a);
    expect(buildGridTasks({ ...req, rng: seededRng(6) })).not.toEqual(a);
    // Controls are not all at the end (where they were appended before the shuffle).
    const positions = a.tasks[0]!.images.flatMap((img, i) => (img.role === 'candidate' ? [] : [i]));
    expect(Math.min(...positions)).toBeLessThan(42);
  });

  it('deals controls evenly: with 20 positives over 40 tasks each one is used 6 times', () => {
    const plan = buildGridTasks({ wnid: 'n1', candidates: ids('c', 40 * 42), positives: ids('p', 20), negatives: ids('n', 20), rng: seededRng(2) });
    const uses = new Map<string, number>();
    for (const t of plan.tasks) for (const i of t.images) if (i.role === 'positive') uses.set(i.key, (uses.get(i.key) ?? 0) + 1);
    expect(Math.min(...uses.values())).toBeGreaterThanOrEqual(5);
    expect(Math.max(...uses.values())).toBeLessThanOrEqual(7);
  });

  it('reports control slots it could not fill', () => {
    const plan = buildGridTasks({ wnid: 'n1', candidates: ids('c', 10), positives: ['p0'], negatives: [], composition: { candidates: 5, positives: 3, negatives: 3 }, rng: seededRng(3) });
    expect(plan.tasks).toHaveLength(2);
    expect(plan.missingPositives).toBe(4);
    expect(plan.missingNegatives).toBe(6);
  });

  it('never repeats an image within a task, for any pools (property)', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 80 }),
      fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 10 }),
      fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 10 }),
      fc.integer({ min: 1, max: 2 ** 31 }),
      (cand, pos, neg, seed) => {
        const plan = buildGridTasks({ wnid: 'n', candidates: cand, positives: pos, negatives: neg, composition: { candidates: 7, positives: 2, negatives: 2 }, rng: seededRng(seed) });
        return plan.tasks.every((t) => new Set(t.images.map((i) => i.key)).size === t.images.length);
      },
    ));
  });

  it('validates compositions', () => {
    expect(() => checkComposition({ candidates: 0, positives: 3, negatives: 3 })).toThrow(RangeError);
    expect(() => checkComposition({ candidates: 2.5, positives: 3, negatives: 3 })).toThrow(RangeError);
    expect(() => checkComposition({ candidates: 300, positives: 3, negatives: 3 })).toThrow(/too large/);
  });
});

describe('scheduling, controls, histogram, header', () => {
  it('closes a task at N valid + leased assignments; rejected work reopens it', () => {
    expect(isTaskOpen({ maxAssignments: 10, valid: 9, leased: 0 })).toBe(true);
    expect(isTaskOpen({ maxAssignments: 10, valid: 9, leased: 1 })).toBe(false);
    expect(openSlots({ maxAssignments: 10, valid: 12, leased: 0 })).toBe(0);
    const coverage = new Map([['a', 10], ['b', 9], ['c', 4]]);
    expect(candidatesNeedingTasks(['a', 'b', 'c', 'd'], coverage, 10)).toEqual(['b', 'c', 'd']);
  });

  it('scores control accuracy per owner', () => {
    const { positive: P, negative: N, candidate: C } = ROLE_CODE;
    const [w0, w1] = controlAccuracy({
      owners: 2,
      owner: Int32Array.from([0, 0, 0, 0, 1, 1]),
      role: Uint8Array.from([P, P, N, C, N, C]),
      selected: Uint8Array.from([1, 0, 0, 1, 1, 1]),
    });
    expect(w0).toMatchObject({ positivesShown: 2, positivesSelected: 1, negativesShown: 1, negativesSelected: 0, correct: 2, total: 3 });
    expect(w0!.accuracy).toBeCloseTo(2 / 3, 15);
    expect(w1!.accuracy).toBe(0);
  });

  it('bins frequencies like ImageNetV2 (first edge the value is below; ≥ 0.8 last) and skips NaN', () => {
    expect(frequencyHistogram([0, 0.19, 0.2, 0.5, 0.79, 0.8, 1, Number.NaN])).toEqual([2, 1, 1, 1, 2]);
  });

  it('picks the most similar class, ties to the smaller wnid', () => {
    const sim = (a: string, b: string) => ({ 'x|b': 0.5, 'x|a': 0.5, 'x|c': 0.2 } as Record<string, number>)[`${a}|${b}`] ?? 0;
    expect(mostSimilarClass('x', ['c', 'b', 'x', 'a'], sim)).toBe('a');
    expect(mostSimilarClass('x', ['x'], sim)).toBeUndefined();
  });

  it('words the question as ImageNetV2', () => {
    expect(taskQuestion(['jersey', 'T-shirt', 'tee shirt'])).toBe('Which of these images contain at least one object of type: jersey or T-shirt or tee shirt');
  });
});
