import type { Rng } from '../../stats/index.js';
import { BIN_COUNT, binOf } from './frequency-bins.js';
import { meanSd, type MeanSd } from './mean-interval.js';

/** One group of images (e.g. the reference images, the eligible candidates, the revision): each image's votes, 1 = selected. */
export interface VoteGroup {
  readonly name: string;
  readonly images: ReadonlyArray<ArrayLike<number>>;
}

export interface SplitVoteBin {
  readonly bin: number;
  /** Mean frequency of the half used for binning (A) and of the held-out half (B), over the images in this bin. */
  readonly a: MeanSd;
  readonly b: MeanSd;
}

export interface SplitVoteGroup {
  readonly name: string;
  /** Images with ≥ 2 votes (fewer cannot be split). */
  readonly n: number;
  readonly a: MeanSd;
  readonly b: MeanSd;
  readonly bins: readonly SplitVoteBin[];
}

/**
 * Engstrom et al. (2020)'s bias check, made visible: each image's votes are split at random into two halves (A gets
 * ⌊n/2⌋ votes, B the rest); images are binned by A's frequency and B's mean frequency is reported per bin. Binning on
 * a noisy estimate sorts images partly by luck, so B regresses toward each bin's true mean. Where a group's B mean in a
 * bin sits below the reference's, matching on observed frequencies picks harder images than the reference has.
 * Groups are processed in the order given, images in their order, with one RNG: deterministic for a seed.
 */
export function splitVoteDiagnostic(groups: readonly VoteGroup[], rng: Rng): SplitVoteGroup[] {
  return groups.map((g) => {
    const a: number[] = [];
    const b: number[] = [];
    const binA: number[][] = Array.from({ length: BIN_COUNT }, () => []);
    const binB: number[][] = Array.from({ length: BIN_COUNT }, () => []);
    for (const votes of g.images) {
      const n = votes.length;
      if (n < 2) continue;
      const order = Array.from({ length: n }, (_, i) => i);
      for (let i = n - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        const t = order[i]!;
        order[i] = order[j]!;
        order[j] = t;
      }
      const half = Math.floor(n / 2);
      let sa = 0;
      let sb = 0;
      for (let i = 0; i < n; i++) {
        if (i < half) sa += votes[order[i]!]!;
        else sb += votes[order[i]!]!;
      }
      const fa = sa / half;
      const fb = sb / (n - half);
      a.push(fa);
      b.push(fb);
      binA[binOf(fa)]!.push(fa);
      binB[binOf(fa)]!.push(fb);
    }
    return {
      name: g.name, n: a.length, a: meanSd(a), b: meanSd(b),
      bins: binA.map((xs, bin) => ({ bin, a: meanSd(xs), b: meanSd(binB[bin]!) })),
    };
  });
}

/**
 * The held-out mean a set would have if it were matched to `reference`'s A-histogram using `pool`'s images:
 * Σ_bins share_ref(bin) · mean_B,pool(bin). Null when a bin the reference uses has no pool images.
 */
export function matchedHeldOutMean(reference: SplitVoteGroup, pool: SplitVoteGroup): number | null {
  let total = 0;
  for (let bin = 0; bin < BIN_COUNT; bin++) {
    const share = reference.n > 0 ? reference.bins[bin]!.a.n / reference.n : 0;
    if (share === 0) continue;
    const m = pool.bins[bin]!.b.mean;
    if (m === null) return null;
    total += share * m;
  }
  return total;
}
