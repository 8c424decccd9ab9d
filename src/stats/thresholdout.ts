import { sampleLaplace } from './laplace.js';
import type { Rng } from './rng.js';

/** Options for {@link Thresholdout}. */
export interface ThresholdoutOptions {
  /** Threshold T on |holdout − train| above which the holdout is consulted. */
  readonly threshold: number;
  /** Noise rate σ (Laplace scales are 2σ, 4σ and σ). */
  readonly sigma: number;
  /** Budget B: how many over-threshold answers may be given before answering ⊥. */
  readonly budget: number;
  readonly rng: Rng;
}

/** One Thresholdout answer. */
export interface ThresholdoutAnswer {
  /** The answer to report, or null (⊥) once the budget is spent. */
  readonly value: number | null;
  /** `'train'`: within threshold, the training mean is returned; `'holdout'`: noisy holdout mean; `'exhausted'`: ⊥. */
  readonly source: 'train' | 'holdout' | 'exhausted';
  readonly budgetLeft: number;
}

/**
 * Thresholdout (Dwork, Feldman, Hardt, Pitassi, Reingold & Roth, Science 2015, "The reusable holdout"):
 *
 *   γ ~ Lap(2σ); T̂ ← T + γ
 *   for each query φ: if B < 1 answer ⊥; else η ~ Lap(4σ);
 *     if |E_holdout[φ] − E_train[φ]| > T̂ + η: ξ ~ Lap(σ), γ ~ Lap(2σ), B ← B − 1, T̂ ← T + γ, answer E_holdout[φ] + ξ
 *     else answer E_train[φ]
 *
 * Queries are given as the two means, so any statistic (e.g. accuracy) can be asked. Stateful: the
 * noisy threshold and budget persist between queries; all randomness comes from the injected Rng.
 */
export class Thresholdout {
  private readonly threshold: number;
  private readonly sigma: number;
  private readonly rng: Rng;
  private noisyThreshold: number;
  private budget: number;

  constructor(options: ThresholdoutOptions) {
    const { threshold, sigma, budget, rng } = options;
    if (!(threshold >= 0) || !Number.isFinite(threshold)) throw new RangeError(`threshold must be a finite number ≥ 0, got ${threshold}`);
    if (!(sigma >= 0) || !Number.isFinite(sigma)) throw new RangeError(`sigma must be a finite number ≥ 0, got ${sigma}`);
    if (!(budget >= 0) || !Number.isFinite(budget)) throw new RangeError(`budget must be a finite number ≥ 0, got ${budget}`);
    this.threshold = threshold;
    this.sigma = sigma;
    this.rng = rng;
    this.budget = budget;
    this.noisyThreshold = threshold + sampleLaplace(rng, 2 * sigma);
  }

  /** The remaining budget B. */
  get budgetLeft(): number {
    return this.budget;
  }

  /** Answers one query from its training-set and holdout-set means. */
  query(trainMean: number, holdoutMean: number): ThresholdoutAnswer {
    if (!Number.isFinite(trainMean) || !Number.isFinite(holdoutMean)) {
      throw new RangeError(`query means must be finite, got train ${trainMean}, holdout ${holdoutMean}`);
    }
    if (this.budget < 1) return { value: null, source: 'exhausted', budgetLeft: this.budget };
    const eta = sampleLaplace(this.rng, 4 * this.sigma);
    if (Math.abs(holdoutMean - trainMean) > this.noisyThreshold + eta) {
      const xi = sampleLaplace(this.rng, this.sigma);
      this.budget -= 1;
      this.noisyThreshold = this.threshold + sampleLaplace(this.rng, 2 * this.sigma);
      return { value: holdoutMean + xi, source: 'holdout', budgetLeft: this.budget };
    }
    return { value: trainMean, source: 'train', budgetLeft: this.budget };
  }
}
