import { describe, expect, it } from 'vitest';
import { seededRng } from '../../src/stats/rng.js';
import { Thresholdout } from '../../src/stats/thresholdout.js';

describe('Thresholdout', () => {
  it('with σ = 0 answers the training mean within T and the holdout mean beyond it', () => {
    const t = new Thresholdout({ threshold: 0.04, sigma: 0, budget: 2, rng: seededRng(1) });
    expect(t.query(0.8, 0.77)).toEqual({ value: 0.8, source: 'train', budgetLeft: 2 });
    expect(t.query(0.8, 0.7)).toEqual({ value: 0.7, source: 'holdout', budgetLeft: 1 });
    expect(t.query(0.9, 0.7)).toEqual({ value: 0.7, source: 'holdout', budgetLeft: 0 });
    expect(t.query(0.9, 0.7)).toEqual({ value: null, source: 'exhausted', budgetLeft: 0 });
    expect(t.budgetLeft).toBe(0);
  });

  it('is deterministic for a seed and adds noise to holdout answers', () => {
    const run = (seed: number) => {
      const t = new Thresholdout({ threshold: 0.02, sigma: 0.01, budget: 50, rng: seededRng(seed) });
      return Array.from({ length: 40 }, (_, i) => t.query(0.9, 0.9 - i * 0.002));
    };
    const a = run(17);
    expect(run(17)).toEqual(a);
    expect(run(18)).not.toEqual(a);
    const fromHoldout = a.filter((r) => r.source === 'holdout');
    expect(fromHoldout.length).toBeGreaterThan(5);
    expect(a.slice(0, 3).every((r) => r.source === 'train' && r.value === 0.9)).toBe(true);
    for (const r of fromHoldout) expect(r.value).not.toBe(0.9);
  });

  it('validates', () => {
    expect(() => new Thresholdout({ threshold: -1, sigma: 0, budget: 1, rng: seededRng(1) })).toThrow(/threshold/);
    expect(() => new Thresholdout({ threshold: 0, sigma: Number.NaN, budget: 1, rng: seededRng(1) })).toThrow(/sigma/);
    expect(() => new Thresholdout({ threshold: 0, sigma: 0, budget: -1, rng: seededRng(1) })).toThrow(/budget/);
    expect(() => new Thresholdout({ threshold: 0, sigma: 0, budget: 1, rng: seededRng(1) }).query(Number.NaN, 0)).toThrow(/finite/);
  });
});
