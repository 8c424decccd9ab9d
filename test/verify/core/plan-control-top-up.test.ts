import { describe, expect, it } from 'vitest';
import { seededRng } from '../../../src/stats/index.js';
import { planControlTopUp } from '../../../src/verify/core/index.js';

describe('control top-up plan', () => {
  const refs = (coverages: number[]) => coverages.map((coverage, key) => ({ key, coverage }));
  const negatives = Array.from({ length: 30 }, (_, i) => 100 + i);
  const candidates = Array.from({ length: 40 }, (_, i) => 200 + i);

  it('tops up the references closest to the target until enough are covered, each once per missing round', () => {
    // 25 references: 5 already covered (≥ 10), 20 short; 15 more are needed, the closest first.
    const coverage = [10, 12, 10, 11, 10, ...Array.from({ length: 20 }, (_, i) => i % 10)];
    const plan = planControlTopUp({ wnid: 'n1', references: refs(coverage), negatives, candidates, assignmentsPerTask: 10, rng: seededRng(3) });
    expect(plan.covered).toBe(5);
    expect(plan.toppedUp).toHaveLength(15);
    expect(plan.toppedUp.map((k) => coverage[k]!).sort((a, b) => b - a)).toEqual([9, 9, 8, 8, 7, 7, 6, 6, 5, 5, 4, 4, 3, 3, 2]);
    expect(plan.shortfall).toBe(0);
    // One round of 10 annotations suffices for all: 15 references in tasks of 16 positives → 1 task.
    expect(plan.tasks).toHaveLength(1);
    const task = plan.tasks[0]!;
    expect(task.images.filter((i) => i.role === 'positive').map((i) => i.key).sort((a, b) => a - b)).toEqual([...plan.toppedUp].sort((a, b) => a - b));
    expect(task.images.filter((i) => i.role === 'negative')).toHaveLength(16);
    expect(task.images.filter((i) => i.role === 'candidate')).toHaveLength(16);
    expect(new Set(task.images.map((i) => i.key)).size).toBe(15 + 16 + 16);
    expect(planControlTopUp({ wnid: 'n1', references: refs(coverage), negatives, candidates, assignmentsPerTask: 10, rng: seededRng(3) })).toEqual(plan);
  });

  it('needs several rounds when a task gives fewer annotations than missing, and reports too few references', () => {
    const plan = planControlTopUp({ wnid: 'n1', references: refs([0, 0, 4]), negatives, candidates, assignmentsPerTask: 3, rng: seededRng(1) });
    expect(plan.shortfall).toBe(17);
    // ⌈10/3⌉ = 4 rounds for the two at 0, ⌈6/3⌉ = 2 for the one at 4; 3 distinct references fit one task per round.
    expect(plan.tasks).toHaveLength(4);
    const count = new Map<number, number>();
    for (const t of plan.tasks) for (const i of t.images) if (i.role === 'positive') count.set(i.key, (count.get(i.key) ?? 0) + 1);
    expect(Object.fromEntries(count)).toEqual({ 0: 4, 1: 4, 2: 2 });
    expect(planControlTopUp({ wnid: 'n1', references: refs(Array(20).fill(10)), negatives, candidates, assignmentsPerTask: 3, rng: seededRng(1) }).tasks).toHaveLength(0);
  });
});
