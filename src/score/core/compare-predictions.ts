import { mcnemarChiSquare, mcnemarExact, type McNemarResult } from '../../stats/mcnemar.js';
import { pairedBootstrapFromCounts } from '../../stats/paired-bootstrap.js';
import type { Rng } from '../../stats/rng.js';
import { firstCorrectRank } from './first-correct-rank.js';
import { alphaOf, proportion, type IntervalOptions, type Proportion } from './proportion.js';
import { reportedKs } from './score-predictions.js';

/** Two models' guesses on the same images (already aligned with the labels). */
export interface PairedPredictions {
  readonly labels: Int32Array;
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly k: number;
}

export interface CompareOptions {
  readonly interval: IntervalOptions;
  /** Seeded randomness for the bootstrap; top-1 draws first, so its interval does not depend on k. */
  readonly rng: Rng;
  readonly resamples: number;
}

/** A and B at one top-j: both accuracies, the discordant counts, McNemar's tests and the difference A − B. */
export interface PairedComparison {
  readonly k: number;
  readonly a: Proportion;
  readonly b: Proportion;
  /** Images only A got right (McNemar's b). */
  readonly onlyA: number;
  /** Images only B got right (McNemar's c). */
  readonly onlyB: number;
  readonly mcnemarExact: McNemarResult;
  readonly mcnemarChiSquare: McNemarResult;
  /** accuracy(A) − accuracy(B) with a paired percentile-bootstrap interval at the same confidence. */
  readonly difference: { readonly estimate: number; readonly ci: readonly [number, number]; readonly resamples: number };
}

/**
 * Compares two models on the same labelled images at top-1 and top-k. The images are the unit of resampling, so the
 * interval of the difference accounts for the pairing (both models saw the same, possibly hard, images).
 */
export function comparePredictions(p: PairedPredictions, options: CompareOptions): PairedComparison[] {
  const n = p.labels.length;
  const rankA = firstCorrectRank(p.labels, p.a, p.k);
  const rankB = firstCorrectRank(p.labels, p.b, p.k);
  return reportedKs(p.k).map((j) => {
    let a = 0;
    let b = 0;
    let onlyA = 0;
    let onlyB = 0;
    for (let i = 0; i < n; i++) {
      const ra = rankA[i]! < j;
      const rb = rankB[i]! < j;
      if (ra) a++;
      if (rb) b++;
      if (ra && !rb) onlyA++;
      else if (rb && !ra) onlyB++;
    }
    const boot = pairedBootstrapFromCounts(onlyA, onlyB, n, { rng: options.rng, resamples: options.resamples, alpha: alphaOf(options.interval.confidence) });
    return {
      k: j,
      a: proportion(a, n, options.interval),
      b: proportion(b, n, options.interval),
      onlyA,
      onlyB,
      mcnemarExact: mcnemarExact(onlyA, onlyB),
      mcnemarChiSquare: mcnemarChiSquare(onlyA, onlyB),
      difference: { estimate: boot.estimate, ci: [boot.lower, boot.upper], resamples: boot.resamples },
    };
  });
}
