import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { binomialSampler } from '../../stats/binomial-sampler.js';
import { quantileSorted } from '../../stats/quantile-sorted.js';
import type { Rng } from '../../stats/rng.js';
import { wilson } from '../../stats/wilson.js';

/** One submission's public and private counts. */
export interface PublicPrivate {
  readonly submissionId: number;
  readonly label: string;
  readonly publicCorrect: number;
  readonly publicN: number;
  readonly privateCorrect: number;
  readonly privateN: number;
}

/** Public − private accuracy of one submission: positive means the public board was optimistic. */
export interface GapTest {
  readonly gap: number;
  /** Newcombe's hybrid score interval for a difference of independent proportions (from two Wilson intervals). */
  readonly ci: [number, number];
  /** Two-sided two-sample binomial test of p_public = p_private (pooled z). */
  readonly pValue: number;
}

/** The gap of one submission, its interval and its test (Roelofs et al. 2019's per-submission statistic). */
export function gapTest(s: PublicPrivate, alpha: number): GapTest {
  const p1 = s.publicCorrect / s.publicN;
  const p2 = s.privateCorrect / s.privateN;
  const w1 = wilson(s.publicCorrect, s.publicN, alpha);
  const w2 = wilson(s.privateCorrect, s.privateN, alpha);
  const gap = p1 - p2;
  const ci: [number, number] = [
    gap - Math.sqrt((p1 - w1.lower) ** 2 + (w2.upper - p2) ** 2),
    gap + Math.sqrt((w1.upper - p1) ** 2 + (p2 - w2.lower) ** 2),
  ];
  const pooled = (s.publicCorrect + s.privateCorrect) / (s.publicN + s.privateN);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / s.publicN + 1 / s.privateN));
  const pValue = se === 0 ? 1 : Math.min(1, 2 * normalCdf(-Math.abs(gap) / se, 0, 1));
  return { gap, ci, pValue };
}

export interface TopKGap {
  readonly k: number;
  readonly meanGap: number;
  readonly ci: [number, number];
  readonly resamples: number;
}

/**
 * Mean public − private gap of the k submissions with the best public accuracy, with a parametric bootstrap interval:
 * each resample redraws every submission's public and private counts from Binomial(n, observed accuracy) and
 * re-selects the top k by resampled public accuracy, so the interval includes the winner's-curse of the selection.
 */
export function topKGap(subs: readonly PublicPrivate[], k: number, options: { rng: Rng; resamples: number; alpha: number }): TopKGap {
  const kk = Math.min(k, subs.length);
  const mean = (pub: Float64Array, priv: Float64Array) => {
    const order = Array.from(pub.keys()).sort((a, b) => pub[b]! - pub[a]! || a - b).slice(0, kk);
    return order.reduce((s, i) => s + pub[i]! - priv[i]!, 0) / kk;
  };
  const pub = Float64Array.from(subs, (s) => s.publicCorrect / s.publicN);
  const priv = Float64Array.from(subs, (s) => s.privateCorrect / s.privateN);
  const meanGap = mean(pub, priv);
  const samplers = subs.map((s) => [binomialSampler(s.publicN, s.publicCorrect / s.publicN), binomialSampler(s.privateN, s.privateCorrect / s.privateN)] as const);
  const draws = new Float64Array(options.resamples);
  const rp = new Float64Array(subs.length);
  const rq = new Float64Array(subs.length);
  for (let r = 0; r < options.resamples; r++) {
    subs.forEach((s, i) => {
      rp[i] = samplers[i]![0](options.rng) / s.publicN;
      rq[i] = samplers[i]![1](options.rng) / s.privateN;
    });
    draws[r] = mean(rp, rq);
  }
  draws.sort();
  return { k: kk, meanGap, ci: [quantileSorted(draws, options.alpha / 2), quantileSorted(draws, 1 - options.alpha / 2)], resamples: options.resamples };
}
