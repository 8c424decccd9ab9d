import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRng } from '../../src/stats/index.js';
import {
  BIN_LABELS, binOf, histogram, ineligibility, matchedFrequencyClass, matchedHeldOutMean, meanSd, referenceTargets, roundHistogram,
  sampleRevision, sampleSorted, splitVoteDiagnostic, thresholdClass, topImagesClass,
  type EligibleCandidate, type SampleCandidate, type SampleParameters,
} from '../../src/sample/core/index.js';

const e = (id: string, frequency: number, o: Partial<EligibleCandidate> = {}): EligibleCandidate => ({ id, frequency, shown: 10, inPrevious: false, ...o });
const clear = { kind: 'clear' } as const;
const cand = (id: string, wnid: string, selected: number, o: Partial<SampleCandidate> = {}): SampleCandidate => ({ id, wnid, selected, shown: 10, nearDuplicate: clear, ...o });
const params = (o: Partial<SampleParameters> = {}): SampleParameters => ({
  strategy: 'threshold', perClass: 2, seed: 7, minAnnotations: 10, threshold: 0.7, thresholdOverrides: {}, upward: true, skipNearDuplicateCheck: false, ...o,
});

describe('frequency bins [0.2, 0.4, 0.6, 0.8]', () => {
  it('puts a value in the first bin whose edge it is below; ≥ 0.8 in the last', () => {
    expect([0, 0.19, 0.2, 0.39, 0.4, 0.6, 0.79, 0.8, 0.9, 1].map(binOf)).toEqual([0, 0, 1, 1, 2, 3, 3, 4, 4, 4]);
    expect([2 / 10, 4 / 10, 6 / 10, 8 / 10, 7 / 10].map(binOf)).toEqual([1, 2, 3, 4, 3]);
    expect(histogram([0.1, 0.5, 0.9, 0.95, 1])).toEqual([1, 0, 1, 0, 3]);
    expect(BIN_LABELS).toEqual(['[0, 0.2)', '[0.2, 0.4)', '[0.4, 0.6)', '[0.6, 0.8)', '[0.8, 1]']);
  });
});

describe('roundHistogram (largest remainder, ties to the higher bin)', () => {
  it('hand-computed cases', () => {
    expect(roundHistogram([1, 1, 1, 1, 0], 10)).toEqual([2, 2, 3, 3, 0]); // four 2.5s: the two highest bins win
    expect(roundHistogram([0, 0, 0, 3, 17], 10)).toEqual([0, 0, 0, 1, 9]); // 1.5 and 8.5: the tie goes to bin 4
    expect(roundHistogram([2, 1, 0, 0, 0], 10)).toEqual([7, 3, 0, 0, 0]); // 6.67 and 3.33: largest remainder
    expect(roundHistogram([1, 1, 1, 0, 0], 10)).toEqual([3, 3, 4, 0, 0]); // three 3.33s: the highest bin
    expect(roundHistogram([0, 0, 5, 0, 0], 10)).toEqual([0, 0, 10, 0, 0]); // empty bins stay empty
    expect(roundHistogram([3, 3, 3, 3, 3], 0)).toEqual([0, 0, 0, 0, 0]);
    expect(() => roundHistogram([0, 0, 0, 0, 0], 10)).toThrow(/empty/);
  });

  it('sums to k and stays within one of the exact share (property)', () => {
    fc.assert(fc.property(fc.array(fc.nat(50), { minLength: 5, maxLength: 5 }).filter((h) => h.some((x) => x > 0)), fc.nat(40), (h, k) => {
      const r = roundHistogram(h, k);
      const total = h.reduce((s, x) => s + x, 0);
      expect(r.reduce((s, x) => s + x, 0)).toBe(k);
      r.forEach((x, b) => {
        expect(x).toBeGreaterThanOrEqual(Math.floor((k * h[b]!) / total));
        expect(x).toBeLessThanOrEqual(Math.floor((k * h[b]!) / total) + 1);
      });
    }));
  });
});

describe('sampleSorted', () => {
  it('samples over the sorted ids: the input order does not matter, the seed does', () => {
    const ids = ['d', 'a', 'c', 'b', 'e', 'f'];
    const a = sampleSorted(ids, 3, seededRng(5));
    expect(sampleSorted([...ids].reverse(), 3, seededRng(5))).toEqual(a);
    expect(new Set(a).size).toBe(3);
    expect(sampleSorted(ids, 10, seededRng(5))).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('returns k distinct members (property)', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 30 }), fc.nat(35), fc.integer({ min: 1, max: 1e6 }), (ids, k, seed) => {
      const s = sampleSorted(ids, k, seededRng(seed));
      expect(s.length).toBe(Math.min(k, ids.length));
      expect(new Set(s).size).toBe(s.length);
      for (const x of s) expect(ids).toContain(x);
      expect(sampleSorted([...ids].reverse(), k, seededRng(seed))).toEqual(s);
    }));
  });
});

describe('eligibility, checked in ImageNetV2\'s order', () => {
  const rules = { minAnnotations: 10, threshold: 0.7 };
  it('names the first rule broken', () => {
    const nd = { kind: 'near-duplicate', detail: 'x' } as const;
    expect(ineligibility(cand('a', 'w', 2, { blacklisted: 'blurry', shown: 3, nearDuplicate: nd }), rules)).toBe('blacklisted');
    expect(ineligibility(cand('a', 'w', 2, { shown: 9, nearDuplicate: nd }), rules)).toBe('few-annotations');
    expect(ineligibility(cand('a', 'w', 6, { nearDuplicate: nd }), rules)).toBe('below-threshold');
    expect(ineligibility(cand('a', 'w', 7, { nearDuplicate: nd }), rules)).toBe('near-duplicate'); // 7/10 = 0.7 is not below 0.7
    expect(ineligibility(cand('a', 'w', 7, { nearDuplicate: { kind: 'review-incomplete' } }), rules)).toBe('review-incomplete');
    expect(ineligibility(cand('a', 'w', 7, { nearDuplicate: { kind: 'not-checked' } }), rules)).toBe('not-checked');
    expect(ineligibility(cand('a', 'w', 7, { nearDuplicate: { kind: 'not-checked' } }), { ...rules, skipNearDuplicateCheck: true })).toBeNull();
    expect(ineligibility(cand('a', 'w', 1), { minAnnotations: 10 })).toBeNull(); // no threshold outside Threshold
  });
});

describe('MatchedFrequency per class', () => {
  const pool = [e('c1', 0.5), e('d1', 0.7), e('d2', 0.7), e('d3', 0.6), ...Array.from({ length: 8 }, (_, i) => e(`e${i + 1}`, 0.9))];
  it('fills bins, then a short bin from the next higher bin with candidates left', () => {
    const r = matchedFrequencyClass({ candidates: pool, target: [0, 0, 2, 3, 5], upward: true, rng: seededRng(1) });
    expect(r.chosen).toHaveLength(10);
    expect(r.chosen.filter((c) => c.bin === 2).map((c) => c.id)).toEqual(['c1']);
    expect(r.chosen.filter((c) => c.bin === 3).map((c) => c.id).sort()).toEqual(['d1', 'd2', 'd3']);
    // Bin 3 has nothing left, so bin 2's missing slot comes from bin 4.
    expect(r.deficits).toEqual([{ bin: 2, missing: 1, filledFrom: [{ bin: 4, count: 1 }], unfilled: 0 }]);
    expect(r.chosen.filter((c) => c.forBin === 2)).toHaveLength(1);
    expect(new Set(r.chosen.map((c) => c.id)).size).toBe(10);
  });

  it('leaves the slot empty without upward sampling, and never fills downward', () => {
    const off = matchedFrequencyClass({ candidates: pool, target: [0, 0, 2, 3, 5], upward: false, rng: seededRng(1) });
    expect(off.chosen).toHaveLength(9);
    expect(off.deficits).toEqual([{ bin: 2, missing: 1, filledFrom: [], unfilled: 1 }]);
    const top = matchedFrequencyClass({ candidates: pool.slice(0, 6), target: [0, 0, 0, 0, 10], upward: true, rng: seededRng(1) });
    expect(top.chosen.map((c) => c.id).sort()).toEqual(['e1', 'e2']);
    expect(top.deficits).toEqual([{ bin: 4, missing: 8, filledFrom: [], unfilled: 8 }]);
  });

  it('takes empty bins\' missing slots from the nearest higher non-empty bin, one bin after another', () => {
    const r = matchedFrequencyClass({ candidates: [e('a', 0.1), e('b', 0.5), e('c', 0.5), e('d', 0.9)], target: [3, 1, 0, 0, 0], upward: true, rng: seededRng(3) });
    // Bin 0 has one of 3: bin 1 is empty, bin 2 gives its two, and bin 1's own slot then comes from bin 4.
    expect(r.deficits).toEqual([
      { bin: 0, missing: 2, filledFrom: [{ bin: 2, count: 2 }], unfilled: 0 },
      { bin: 1, missing: 1, filledFrom: [{ bin: 4, count: 1 }], unfilled: 0 },
    ]);
    expect(r.chosen.map((c) => c.id).sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('carries over the previous revision\'s images in a bin first, a seeded subset when there are too many', () => {
    const prev = pool.map((c) => (c.id === 'e2' || c.id === 'e7' || c.id === 'd1' ? { ...c, inPrevious: true } : c));
    const r = matchedFrequencyClass({ candidates: prev, target: [0, 0, 1, 3, 5], upward: true, rng: seededRng(9) });
    const ids = r.chosen.map((c) => c.id);
    for (const id of ['e2', 'e7', 'd1']) expect(ids).toContain(id);
    expect(r.chosen.filter((c) => c.carried).map((c) => c.id).sort()).toEqual(['d1', 'e2', 'e7']);
    const one = matchedFrequencyClass({ candidates: prev, target: [0, 0, 0, 0, 1], upward: true, rng: seededRng(9) });
    expect(['e2', 'e7']).toContain(one.chosen[0]!.id);
  });
});

describe('Threshold and TopImages per class', () => {
  it('Threshold keeps the previous revision\'s eligible images and samples the rest', () => {
    const c = [e('a', 0.8, { inPrevious: true }), e('b', 0.9), e('c', 0.75), e('d', 0.7), e('f', 1, { inPrevious: true })];
    const r = thresholdClass(c, 3, seededRng(4));
    expect(r.chosen.slice(0, 2)).toEqual([{ id: 'a', carried: true }, { id: 'f', carried: true }]);
    expect(['b', 'c', 'd']).toContain(r.chosen[2]!.id);
    expect(thresholdClass(c, 10, seededRng(4)).chosen).toHaveLength(5);
  });

  it('TopImages sorts by frequency, annotations, previous revision, id (all descending)', () => {
    const c = [e('a', 0.9, { shown: 10 }), e('b', 0.9, { shown: 12 }), e('c', 0.9, { shown: 10, inPrevious: true }), e('d', 0.9, { shown: 10 }), e('z', 1)];
    expect(topImagesClass(c, 4).chosen.map((x) => x.id)).toEqual(['z', 'b', 'c', 'd']);
  });
});

describe('sampleRevision', () => {
  const candidates = [
    cand('a1', 'n2', 9), cand('a2', 'n2', 8), cand('a3', 'n2', 6), cand('a4', 'n2', 7, { blacklisted: 'watermark' }),
    cand('b1', 'n1', 6), cand('b2', 'n1', 5), cand('b3', 'n1', 10, { nearDuplicate: { kind: 'review-incomplete' } }), cand('b4', 'n1', 9, { shown: 5 }),
  ];
  it('applies per-class threshold overrides and records per-class notes', () => {
    const r = sampleRevision({ params: params({ thresholdOverrides: { n1: 0.5 } }), classes: ['n2', 'n1'], candidates });
    expect(r.classes.map((c) => c.wnid)).toEqual(['n1', 'n2']);
    expect(r.classes[0]).toMatchObject({ wnid: 'n1', threshold: 0.5, eligible: 2, chosen: 2, short: 0, ineligible: { 'review-incomplete': 1, 'few-annotations': 1 } });
    expect(r.classes[1]).toMatchObject({ wnid: 'n2', threshold: 0.7, eligible: 2, chosen: 2, ineligible: { blacklisted: 1, 'below-threshold': 1 } });
    expect(r.images.map((i) => `${i.wnid}/${i.id}`).sort()).toEqual(['n1/b1', 'n1/b2', 'n2/a1', 'n2/a2']);
  });

  it('records short classes and carries over from a previous revision', () => {
    const r = sampleRevision({ params: params({ perClass: 3 }), classes: ['n1', 'n2'], candidates, previous: new Set(['n2/a2', 'n2/a3']) });
    expect(r.classes.find((c) => c.wnid === 'n1')).toMatchObject({ chosen: 0, short: 3 });
    expect(r.classes.find((c) => c.wnid === 'n2')).toMatchObject({ chosen: 2, carried: 1, short: 1 }); // a3 (0.6) is no longer eligible
  });

  it('is deterministic for a seed and shuffles the final list', () => {
    const many = Array.from({ length: 60 }, (_, i) => cand(`i${String(i).padStart(2, '0')}`, `n${i % 3}`, 7 + (i % 4)));
    const run = (seed: number) => sampleRevision({ params: params({ perClass: 10, seed }), classes: ['n0', 'n1', 'n2'], candidates: many });
    expect(JSON.stringify(run(11))).toBe(JSON.stringify(run(11)));
    expect(run(11).images.map((i) => i.id)).not.toEqual(run(12).images.map((i) => i.id));
    const wnids = run(11).images.map((i) => i.wnid);
    expect(wnids).not.toEqual([...wnids].sort()); // not left in class order
  });

  it('never picks an ineligible image, never more than k per class, same output for any input order (property)', () => {
    const arb = fc.array(fc.record({
      id: fc.integer({ min: 0, max: 40 }), wnid: fc.constantFrom('n1', 'n2', 'n3'), selected: fc.nat(12), shown: fc.integer({ min: 8, max: 12 }),
      nd: fc.constantFrom('clear', 'not-checked', 'review-incomplete'), black: fc.boolean(),
    }), { maxLength: 60 });
    fc.assert(fc.property(arb, fc.constantFrom('threshold', 'top', 'matched-frequency') as fc.Arbitrary<SampleParameters['strategy']>, fc.integer({ min: 1, max: 1e6 }), (rows, strategy, seed) => {
      const seen = new Set<string>();
      const cs = rows.filter((r) => !seen.has(String(r.id)) && seen.add(String(r.id))).map((r) => cand(`x${r.id}`, r.wnid, Math.min(r.selected, r.shown), {
        shown: r.shown, nearDuplicate: { kind: r.nd } as SampleCandidate['nearDuplicate'], ...(r.black ? { blacklisted: 'b' } : {}),
      }));
      const targets = new Map(['n1', 'n2', 'n3'].map((w) => [w, [0, 1, 1, 1, 1]]));
      const p = params({ strategy, seed, perClass: 4 });
      const out = sampleRevision({ params: p, classes: ['n1', 'n2', 'n3'], candidates: cs, targets });
      const again = sampleRevision({ params: p, classes: ['n3', 'n1', 'n2'], candidates: [...cs].reverse(), targets });
      expect(again).toEqual(out);
      for (const img of out.images) {
        const c = cs.find((x) => x.id === img.id)!;
        expect(ineligibility(c, { minAnnotations: 10, threshold: strategy === 'threshold' ? 0.7 : undefined })).toBeNull();
      }
      for (const w of ['n1', 'n2', 'n3']) expect(out.images.filter((i) => i.wnid === w).length).toBeLessThanOrEqual(4);
    }), { numRuns: 200 });
  });
});

describe('reference targets', () => {
  it('uses reference images with enough annotations and names the classes short of them', () => {
    const votes = (fs: number[], shown = 10) => fs.map((f) => ({ selected: Math.round(f * shown), shown }));
    const ref = new Map([
      ['n1', [...votes([0.1, 0.5, 0.9, 0.9]), ...votes([0.3], 5)]],
      ['n2', votes([0.9])],
    ]);
    const t = referenceTargets(ref, ['n1', 'n2', 'n3'], { minAnnotations: 10, minReference: 2, perClass: 10 });
    expect(t.histograms.get('n1')).toEqual([1, 0, 1, 0, 2]);
    expect(t.targets.get('n1')).toEqual([2, 0, 3, 0, 5]); // 2.5, 2.5, 5: the tie goes to bin 2
    expect(t.short).toEqual([{ wnid: 'n2', images: 1 }, { wnid: 'n3', images: 0 }]);
  });
});

describe('mean ± sd and the 95% t interval, against scipy', () => {
  const cases = JSON.parse(readFileSync(new URL('../fixtures/sample-mean-ci.json', import.meta.url), 'utf8')) as Array<{ values: number[]; mean: number; sd: number; ci: [number, number] }>;
  it.each(cases.map((c, i) => [i, c] as const))('case %i', (_i, c) => {
    const m = meanSd(c.values);
    expect(m.n).toBe(c.values.length);
    expect(m.mean!).toBeCloseTo(c.mean, 12);
    expect(m.sd!).toBeCloseTo(c.sd, 12);
    expect(m.ci![0]).toBeCloseTo(c.ci[0], 10);
    expect(m.ci![1]).toBeCloseTo(c.ci[1], 10);
  });
  it('has no sd or interval below n = 2', () => {
    expect(meanSd([])).toEqual({ n: 0, mean: null, sd: null, ci: null });
    expect(meanSd([0.4])).toEqual({ n: 1, mean: 0.4, sd: null, ci: null });
  });
});

describe('split-vote diagnostic', () => {
  it('splits each image\'s votes into halves of ⌊n/2⌋ and the rest, bins by A and reports B', () => {
    const [g] = splitVoteDiagnostic([{ name: 'x', images: [[1, 1, 1, 1], [0, 0, 0, 0, 0], [1]] }], seededRng(1));
    expect(g!.n).toBe(2); // a single vote cannot be split
    expect(g!.bins[4]!.b).toMatchObject({ n: 1, mean: 1 });
    expect(g!.bins[0]!.b).toMatchObject({ n: 1, mean: 0 });
    expect(g!.b.mean).toBe(0.5);
  });

  it('shows regression to the mean when images are binned on noisy votes, and is seeded', () => {
    // Every image has true frequency 0.7 and 10 votes: binning by A spreads them, B stays near 0.7 in every bin.
    const rng = seededRng(3);
    const images = Array.from({ length: 4000 }, () => Array.from({ length: 10 }, () => (rng.next() < 0.7 ? 1 : 0)));
    const [g] = splitVoteDiagnostic([{ name: 'pool', images }], seededRng(5));
    expect(g!.bins[4]!.a.mean!).toBeGreaterThan(0.85);
    expect(Math.abs(g!.bins[4]!.b.mean! - 0.7)).toBeLessThan(0.03);
    expect(Math.abs(g!.bins[2]!.b.mean! - 0.7)).toBeLessThan(0.03);
    expect(splitVoteDiagnostic([{ name: 'pool', images }], seededRng(5))).toEqual([g]);
  });

  it('estimates the held-out mean of a set matched to the reference\'s A-histogram', () => {
    const [ref, pool] = splitVoteDiagnostic([
      { name: 'reference', images: [[1, 1, 1, 1], [1, 1, 0, 0]] }, // A-bins depend on the split; B known per bin
      { name: 'pool', images: [[1, 1, 1, 1], [1, 1, 0, 0], [0, 0, 1, 1], [0, 0, 0, 0]] },
    ], seededRng(2));
    const m = matchedHeldOutMean(ref!, pool!);
    let expected = 0;
    for (let b = 0; b < 5; b++) if (ref!.bins[b]!.a.n > 0) expected += (ref!.bins[b]!.a.n / ref!.n) * (pool!.bins[b]!.b.mean ?? NaN);
    expect(m).toBeCloseTo(expected, 12);
  });
});
