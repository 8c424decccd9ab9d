import { splitScores, type SplitScore } from './core/split-scores.js';
import { packBits } from './correct-bits.js';

/** A board's score with its columns as stored: the packed correctness bits and the per-class counts as JSON. */
export interface StoredSplit extends SplitScore {
  readonly packedBits: string;
  readonly perClassJson: string;
}

/** {@link splitScores} plus the encoding for the scores table, so a worker thread can do all of it. */
export function storedSplits(labels: Int32Array, guesses: Int32Array, k: number, assignment: string): StoredSplit[] {
  return splitScores(labels, guesses, k, assignment).map((s) => ({ ...s, packedBits: packBits(s.bits), perClassJson: JSON.stringify(s.perClass) }));
}
