import { describe, expect, it } from 'vitest';
import { seededRng } from '../../../src/stats/index.js';
import { answerGrid, dawidSkene, majorityVote, simulatedCrowd, type SimulatedWorker } from '../../../src/verify/core/index.js';

/** A simulated study: items with a known truth, each labelled by `perItem` distinct random workers. */
function simulate(seed: number, { items, perItem, spamRate, controls, workers = 40 }: { items: number; perItem: number; spamRate: number; controls: number; workers?: number }) {
  const rng = seededRng(seed);
  const crowd: SimulatedWorker[] = simulatedCrowd({ workers, spamRate }, rng);
  const truth = Uint8Array.from({ length: items }, () => (rng.next() < 0.6 ? 1 : 0));
  const item: number[] = [];
  const worker: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < items; i++) {
    const chosen = new Set<number>();
    while (chosen.size < perItem) chosen.add(rng.int(workers));
    for (const w of chosen) {
      item.push(i);
      worker.push(w);
      y.push(answerGrid(crowd[w]!, [truth[i]!], rng).selected[0] ? 1 : 0);
    }
  }
  // The first `controls` items are gold (as the 3 + 3 controls of every grid are).
  const clamp = Int8Array.from({ length: items }, (_, i) => (i < controls ? truth[i]! : -1));
  return { crowd, truth, labels: { items, workers, item: Int32Array.from(item), worker: Int32Array.from(worker), y: Uint8Array.from(y), clamp } };
}

describe('Dawid–Skene on a simulated crowd', () => {
  it('recovers every worker\'s sensitivity and specificity within 4 binomial standard errors (+0.01)', () => {
    const { crowd, truth, labels } = simulate(7, { items: 3000, perItem: 10, spamRate: 0.2, controls: 300 });
    const r = dawidSkene(labels);
    expect(r.converged).toBe(true);
    // Tolerance: even an oracle that knew the truth would estimate a_w as a binomial proportion over the positives the
    // worker saw, with standard error √(a(1−a)/n⁺); 4 SE leaves ~1 in 16,000 per parameter to chance, and 0.01 covers
    // the bias of weighting by posteriors instead of the truth (small when posteriors are confident, as here).
    const nPos = new Float64Array(labels.workers);
    const nNeg = new Float64Array(labels.workers);
    for (let k = 0; k < labels.item.length; k++) (truth[labels.item[k]!] ? nPos : nNeg)[labels.worker[k]!]!++;
    let worst = 0;
    crowd.forEach((w, i) => {
      const seA = Math.sqrt((w.sensitivity * (1 - w.sensitivity)) / nPos[i]!);
      const seB = Math.sqrt((w.specificity * (1 - w.specificity)) / nNeg[i]!);
      expect(Math.abs(r.sensitivity[i]! - w.sensitivity)).toBeLessThanOrEqual(4 * seA + 0.01);
      expect(Math.abs(r.specificity[i]! - w.specificity)).toBeLessThanOrEqual(4 * seB + 0.01);
      worst = Math.max(worst, Math.abs(r.sensitivity[i]! - w.sensitivity) / seA, Math.abs(r.specificity[i]! - w.specificity) / seB);
    });
    // Spammers are told apart: sensitivity + specificity ≈ 1 (no information) versus well above 1 for careful workers.
    crowd.forEach((w, i) => expect(r.sensitivity[i]! + r.specificity[i]! < 1.2).toBe(w.spammer));
    console.log(`Dawid–Skene recovery: worst |error| = ${worst.toFixed(2)} standard errors over ${2 * crowd.length} parameters`);
  });

  it('beats majority vote on a crowd with 30% spammers', () => {
    const { truth, labels } = simulate(11, { items: 3000, perItem: 5, spamRate: 0.3, controls: 300 });
    const ds = dawidSkene(labels);
    const mv = majorityVote(labels);
    let dsErrors = 0;
    let mvErrors = 0;
    for (let i = 300; i < labels.items; i++) {
      if ((ds.posterior[i]! >= 0.5 ? 1 : 0) !== truth[i]) dsErrors++;
      if (mv[i] !== truth[i]) mvErrors++;
    }
    console.log(`errors on 2,700 items: Dawid–Skene ${dsErrors}, majority vote ${mvErrors}`);
    expect(dsErrors).toBeLessThan(0.6 * mvErrors);
  });

  it('keeps clamped controls fixed and is deterministic', () => {
    const { labels } = simulate(3, { items: 200, perItem: 5, spamRate: 0.2, controls: 20 });
    const a = dawidSkene(labels);
    const b = dawidSkene(labels);
    expect([...a.posterior]).toEqual([...b.posterior]);
    for (let i = 0; i < 20; i++) expect(a.posterior[i]).toBe(labels.clamp[i]);
  });

  it('rejects a smoothing of 0 (a perfect worker would give log 0)', () => {
    const { labels } = simulate(3, { items: 10, perItem: 2, spamRate: 0, controls: 0, workers: 4 });
    expect(() => dawidSkene(labels, { smoothing: 0 })).toThrow(RangeError);
  });
});
