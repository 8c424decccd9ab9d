import { checkAlpha, checkInteger } from './checks.js';
import { binomialSampler } from './binomial-sampler.js';
import { discordantCounts } from './discordant-counts.js';
import { quantileSorted } from './quantile-sorted.js';
import type { Rng } from './rng.js';

/** Options for {@link pairedBootstrapCi}. */
export interface PairedBootstrapOptions {
  /** Seeded randomness; the same seed gives the same interval. */
  readonly rng: Rng;
  /** Number of bootstrap resamples; default 10,000. */
  readonly resamples?: number;
  /** 1 − confidence; default 0.05. */
  readonly alpha?: number;
}

/** A percentile bootstrap interval around a point estimate. */
export interface BootstrapInterval {
  /** The statistic on the original data (here accuracy(A) − accuracy(B)). */
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly resamples: number;
}

/**
 * Percentile bootstrap interval of accuracy(A) − accuracy(B) for two correctness vectors (1 = correct)
 * over the same items: resample items with replacement, keeping each item's pair together.
 * Quantiles are type 7 (numpy's default) at α/2 and 1 − α/2 of the resampled differences. The
 * resampling is done on the paired table; see {@link pairedBootstrapFromCounts}.
 * Throws RangeError on unequal or empty vectors, non-0/1 entries, or bad options.
 */
export function pairedBootstrapCi(a: Uint8Array, b: Uint8Array, options: PairedBootstrapOptions): BootstrapInterval {
  const t = discordantCounts(a, b);
  return pairedBootstrapFromCounts(t.b, t.c, t.n, options);
}

/**
 * {@link pairedBootstrapCi} from the paired table alone: `onlyA` items only A got right, `onlyB`
 * items only B got right, `n` items in all.
 *
 * Resampling n items with replacement and averaging the per-item difference (+1, −1 or 0) depends
 * only on how many draws land in each group: (N₊, N₋, N₀) ~ Multinomial(n; onlyA/n, onlyB/n, rest).
 * So each resample draws K = N₊ + N₋ ~ Binomial(n, (onlyA + onlyB)/n) and N₊ | K ~ Binomial(K,
 * onlyA/(onlyA + onlyB)), and the difference is (2N₊ − K)/n. That is the same distribution as
 * resampling the vectors, at O(log n) per resample instead of O(n) (10,000 resamples of 50,000
 * ImageNet images: milliseconds instead of ~20 s). Two `rng.next()` calls per resample.
 */
export function pairedBootstrapFromCounts(onlyA: number, onlyB: number, n: number, options: PairedBootstrapOptions): BootstrapInterval {
  const resamples = options.resamples ?? 10_000;
  const alpha = options.alpha ?? 0.05;
  checkInteger(n, 'n (number of items)', 1);
  checkInteger(onlyA, 'onlyA');
  checkInteger(onlyB, 'onlyB');
  if (onlyA + onlyB > n) throw new RangeError(`discordant counts ${onlyA} + ${onlyB} exceed n = ${n}`);
  checkInteger(resamples, 'resamples', 1);
  checkAlpha(alpha);
  const { rng } = options;
  const discordant = onlyA + onlyB;
  const drawDiscordant = binomialSampler(n, discordant / n);
  const share = discordant === 0 ? 0 : onlyA / discordant;
  // One table per distinct K; K stays within a few standard deviations, so there are few of them.
  const splitters = new Map<number, (r: Rng) => number>();
  const diffs = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    const k = drawDiscordant(rng);
    let split = splitters.get(k);
    if (split === undefined) {
      split = binomialSampler(k, share);
      splitters.set(k, split);
    }
    diffs[r] = (2 * split(rng) - k) / n;
  }
  diffs.sort();
  return {
    estimate: (onlyA - onlyB) / n,
    lower: quantileSorted(diffs, alpha / 2),
    upper: quantileSorted(diffs, 1 - alpha / 2),
    resamples,
  };
}
