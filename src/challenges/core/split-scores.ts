import { correctAtK, firstCorrectRank } from '../../score/core/first-correct-rank.js';
import { LEADERBOARD_SPLITS, SPLIT_CODES, type LeaderboardSplit } from './split-assignment.js';
import { countOnes, sliceBySplit } from './split-correctness.js';

/** One board's raw result: counts, the per-image correctness (host-only) and per-class counts (team-only). */
export interface SplitScore {
  readonly split: LeaderboardSplit;
  readonly correct: number;
  readonly n: number;
  readonly bits: Uint8Array;
  /** `[class index, images, correct]` for each class present on this board. */
  readonly perClass: ReadonlyArray<readonly [number, number, number]>;
}

/**
 * Scores aligned guesses at top-k on each board of a phase: the correctness vector is computed once over all images
 * and sliced by the phase's assignment, so the public and private numbers come from the same comparison.
 */
export function splitScores(labels: Int32Array, guesses: Int32Array, k: number, assignment: string): SplitScore[] {
  const correct = correctAtK(firstCorrectRank(labels, guesses, k), k);
  let classes = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i]! >= classes) classes = labels[i]! + 1;
  return LEADERBOARD_SPLITS.map((split) => {
    const code = SPLIT_CODES[split].charCodeAt(0);
    const images = new Int32Array(classes);
    const right = new Int32Array(classes);
    for (let i = 0; i < labels.length; i++) {
      if (assignment.charCodeAt(i) !== code) continue;
      images[labels[i]!]!++;
      right[labels[i]!]! += correct[i]!;
    }
    const perClass: Array<readonly [number, number, number]> = [];
    for (let c = 0; c < classes; c++) if (images[c]! > 0) perClass.push([c, images[c]!, right[c]!]);
    const bits = sliceBySplit(correct, assignment, split);
    return { split, correct: countOnes(bits), n: bits.length, bits, perClass };
  });
}
