import { checkAlpha, checkPaired } from './checks.js';
import { discordantCounts } from './discordant-counts.js';
import { holmAdjust } from './holm-adjust.js';
import { mcnemarExact } from './mcnemar.js';

/** Which way the per-item 0/1 score is better: correctness vectors are higher-is-better, error vectors lower. */
export type Direction = 'higher-is-better' | 'lower-is-better';

/** One leaderboard entry: a 0/1 score per item, the same items in the same order for every entry. */
export interface RankInput {
  readonly id: string;
  readonly scores: Uint8Array;
}

/** An entry after ranking, compared with the leader. */
export interface RankedEntry {
  readonly id: string;
  /** Position in the input array. */
  readonly index: number;
  /** 1-based position by mean score (best first; equal means keep input order). */
  readonly position: number;
  /** Mean of the 0/1 scores (accuracy for correctness vectors). */
  readonly mean: number;
  readonly isLeader: boolean;
  /** Items where this entry beats the leader / the leader beats this entry (0 for the leader itself). */
  readonly wins: number;
  readonly losses: number;
  /** McNemar exact p-value against the leader; 1 for the leader. */
  readonly pValue: number;
  /** Holm-adjusted p over the m − 1 comparisons with the leader; 1 for the leader. */
  readonly adjustedP: number;
  /** Not statistically distinguishable from the leader (adjustedP ≥ α). True for the leader. */
  readonly tiedWithLeader: boolean;
}

/** Result of {@link rankWithTies}. */
export interface Ranking {
  /** All entries, best mean first. */
  readonly entries: readonly RankedEntry[];
  /** The leader's id. */
  readonly leader: string;
  /** Ids of the leader and every entry tied with it, best first. */
  readonly topGroup: readonly string[];
}

/** Options for {@link rankWithTies}. */
export interface RankOptions {
  /** Default `'higher-is-better'`. */
  readonly direction?: Direction;
  /** Family-wise error rate for the Holm-corrected comparisons; default 0.05. */
  readonly alpha?: number;
}

/**
 * Ranks entries by mean score and marks which are statistically tied with the leader: each other
 * entry is compared with the leader by McNemar's exact test on their discordant items, the m − 1
 * p-values are Holm-adjusted, and an entry is tied when its adjusted p ≥ α. The leader is the best
 * mean; equal means go to the earlier entry in the input, so callers control ties by input order.
 * Throws RangeError on no entries, duplicate ids, mismatched lengths or non-0/1 scores.
 */
export function rankWithTies(inputs: readonly RankInput[], options: RankOptions = {}): Ranking {
  const direction = options.direction ?? 'higher-is-better';
  const alpha = options.alpha ?? 0.05;
  checkAlpha(alpha);
  if (direction !== 'higher-is-better' && direction !== 'lower-is-better') {
    throw new RangeError(`direction must be 'higher-is-better' or 'lower-is-better', got ${JSON.stringify(direction)}`);
  }
  const first = inputs[0];
  if (first === undefined) throw new RangeError('rankWithTies needs at least one entry');
  const seen = new Set<string>();
  for (const e of inputs) {
    if (seen.has(e.id)) throw new RangeError(`duplicate entry id ${JSON.stringify(e.id)}`);
    seen.add(e.id);
    checkPaired(first.scores, e.scores, [first.id, e.id]);
  }
  const sign = direction === 'higher-is-better' ? 1 : -1;
  const means = inputs.map((e) => sum(e.scores) / e.scores.length);
  const order = inputs.map((_, i) => i).sort((i, j) => sign * (means[j]! - means[i]!) || i - j);
  const leaderIndex = order[0]!;
  const leader = inputs[leaderIndex]!;

  const others = order.slice(1);
  const tables = others.map((i) => discordantCounts(inputs[i]!.scores, leader.scores));
  const pValues = tables.map((t) => mcnemarExact(t.b, t.c).pValue);
  const adjusted = holmAdjust(pValues);

  const entries: RankedEntry[] = [{
    id: leader.id, index: leaderIndex, position: 1, mean: means[leaderIndex]!, isLeader: true,
    wins: 0, losses: 0, pValue: 1, adjustedP: 1, tiedWithLeader: true,
  }];
  others.forEach((i, j) => {
    const t = tables[j]!;
    // discordantCounts(entry, leader): b = entry scores 1 where the leader scores 0.
    const [wins, losses] = sign > 0 ? [t.b, t.c] : [t.c, t.b];
    entries.push({
      id: inputs[i]!.id, index: i, position: j + 2, mean: means[i]!, isLeader: false,
      wins, losses, pValue: pValues[j]!, adjustedP: adjusted[j]!, tiedWithLeader: adjusted[j]! >= alpha,
    });
  });
  return { entries, leader: leader.id, topGroup: entries.filter((e) => e.tiedWithLeader).map((e) => e.id) };
}

function sum(v: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]!;
  return s;
}
