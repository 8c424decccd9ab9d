import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { agreementMatrix, agreementMatrixNaive } from '../../src/analyze/core/agreement.js';
import { seededRng } from '../../src/stats/rng.js';
import { fractionCorrect, meanDifference } from '../../src/analyze/core/mean-difference.js';
import { benjaminiHochberg } from '../../src/stats/benjamini-hochberg.js';
import { bootstrapFitBand } from '../../src/stats/bootstrap-fit-band.js';
import { effectiveRobustness } from '../../src/stats/effective-robustness.js';
import { fitTransformed } from '../../src/stats/fit-transformed.js';
import { kendallTau, spearmanRho } from '../../src/stats/rank-correlation.js';
import type { Rng } from '../../src/stats/rng.js';
import type { TransformName } from '../../src/stats/transforms.js';

// Values from tools/reference/make_study_fixtures.py (numpy + scipy); regenerate with that script.
interface Reference {
  study: { nOriginal: number; nNew: number; originalCorrect: number[]; newCorrect: number[] };
  fits: Record<TransformName, { slope: number; intercept: number; r2: number; effectiveRobustness: number[] }>;
  band: { plan: number[][]; grid: number[]; alpha: number; results: Record<TransformName, { slope: number[]; intercept: number[]; lower: number[]; upper: number[] }> };
  rank: Array<{ x: number[]; y: number[]; kendall: number; kendallCi: number[]; spearman: number; spearmanCi: number[] }>;
  bh: Array<{ p: number[]; adjusted: number[] }>;
  meanDiff: { labelsA: number[]; labelsB: number[]; predA: number[][]; predB: number[][]; value: number; se: number; ci: number[]; agreement: number[][] };
}
const ref = JSON.parse(readFileSync(new URL('../fixtures/analyze/study-reference.json', import.meta.url), 'utf8')) as Reference;

/** |a − b| ≤ tol · max(1, |b|): relative, or absolute near 0. */
function close(a: number, b: number, tol = 1e-9): void {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));
}

/** An Rng that replays a fixed plan of resample indices (row after row), as the numpy reference drew them. */
function replay(plan: number[][]): Rng {
  const flat = plan.flat();
  let i = 0;
  return {
    next: () => { throw new Error('not used'); },
    int: (n: number) => {
      const v = flat[i++]!;
      if (v >= n) throw new Error('plan index out of range');
      return v;
    },
  };
}

const x = ref.study.originalCorrect.map((c) => c / ref.study.nOriginal);
const y = ref.study.newCorrect.map((c) => c / ref.study.nNew);

describe('fits against scipy.stats.linregress', () => {
  for (const t of ['linear', 'probit', 'logit'] as const) {
    it(`${t}: slope, intercept, r² and effective robustness`, () => {
      const fit = fitTransformed(x, y, { transform: t });
      close(fit.slope, ref.fits[t].slope);
      close(fit.intercept, ref.fits[t].intercept);
      close(fit.r2, ref.fits[t].r2);
      effectiveRobustness(fit, x, y).forEach((v, i) => close(v, ref.fits[t].effectiveRobustness[i]!));
    });
  }
});

describe('bootstrap band under a fixed resample plan (numpy lstsq + percentile)', () => {
  for (const t of ['linear', 'probit', 'logit'] as const) {
    it(t, () => {
      const b = bootstrapFitBand(x, y, { transform: t, rng: replay(ref.band.plan), grid: ref.band.grid, resamples: ref.band.plan.length, alpha: ref.band.alpha });
      const r = ref.band.results[t];
      expect(b.redrawn).toBe(0);
      close(b.slope.lower, r.slope[0]!);
      close(b.slope.upper, r.slope[1]!);
      close(b.intercept.lower, r.intercept[0]!);
      close(b.intercept.upper, r.intercept[1]!);
      b.lower.forEach((v, j) => close(v, r.lower[j]!));
      b.upper.forEach((v, j) => close(v, r.upper[j]!));
    });
  }
});

describe('rank correlations against scipy (kendalltau τ-b, spearmanr)', () => {
  ref.rank.forEach((c, i) => {
    it(`case ${i} (n=${c.x.length})`, () => {
      const k = kendallTau(c.x, c.y);
      const s = spearmanRho(c.x, c.y);
      close(k.estimate, c.kendall, 1e-12);
      close(s.estimate, c.spearman, 1e-12);
      close(k.ci!.lower, c.kendallCi[0]!);
      close(k.ci!.upper, c.kendallCi[1]!);
      close(s.ci!.lower, c.spearmanCi[0]!);
      close(s.ci!.upper, c.spearmanCi[1]!);
    });
  });

  it('is NaN without an interval when a variable is constant, and needs matching lengths', () => {
    expect(kendallTau([1, 1, 1, 1, 1], [1, 2, 3, 4, 5]).estimate).toBeNaN();
    expect(spearmanRho([1, 2, 3, 4], [2, 2, 2, 2]).ci).toBeUndefined();
    expect(() => kendallTau([1, 2], [1])).toThrow(RangeError);
  });
});

describe('Benjamini–Hochberg against scipy.stats.false_discovery_control', () => {
  ref.bh.forEach((c, i) => {
    it(`case ${i} (m=${c.p.length})`, () => {
      benjaminiHochberg(c.p).forEach((v, j) => close(v, c.adjusted[j]!, 1e-14));
    });
  });
  it('rejects p-values outside [0, 1]', () => {
    expect(() => benjaminiHochberg([0.2, 1.5])).toThrow(/p-value 1/);
  });
});

describe('image-level mean difference and agreement against numpy', () => {
  const m = ref.meanDiff;
  const la = Int32Array.from(m.labelsA);
  const lb = Int32Array.from(m.labelsB);
  const pa = m.predA.map((r) => Int32Array.from(r));
  const pb = m.predB.map((r) => Int32Array.from(r));
  it('mean of per-model differences with the variance of the per-image fractions', () => {
    const counts = pa.map((p, i) => ({
      a: { correct: p.filter((v, j) => v === la[j]).length, n: la.length },
      b: { correct: pb[i]!.filter((v, j) => v === lb[j]).length, n: lb.length },
    }));
    const d = meanDifference(counts, 0.05, { a: fractionCorrect(la, pa), b: fractionCorrect(lb, pb) });
    close(d.value, m.value, 1e-12);
    close(d.se, m.se, 1e-12);
    close(d.ci[0], m.ci[0]!, 1e-12);
    close(d.ci[1], m.ci[1]!, 1e-12);
    expect(d.method).toBe('images');
  });
  it('pairwise top-1 agreement', () => {
    const a = agreementMatrix(pa, la);
    m.agreement.forEach((row, i) => row.forEach((v, j) => close(a.agreement[i * 5 + j]!, v, 1e-15)));
  });
});

describe('agreementMatrix (bitsets + grouping) equals the pair-by-pair definition', () => {
  for (const seed of [1, 2, 3]) {
    it(`random predictions with missing guesses and shared confusions, seed ${seed}`, () => {
      const rng = seededRng(seed);
      const n = 37 + rng.int(200);
      const k = 2 + rng.int(12);
      const classes = 2 + rng.int(6);
      const labels = Int32Array.from({ length: n }, () => rng.int(classes));
      const top = Array.from({ length: k }, () => Int32Array.from(labels, (l) => {
        const u = rng.next();
        return u < 0.5 ? l : u < 0.6 ? -1 : rng.int(classes);
      }));
      const fast = agreementMatrix(top, labels).agreement;
      const slow = agreementMatrixNaive(top, n);
      expect(Array.from(fast)).toEqual(Array.from(slow));
    });
  }
});
