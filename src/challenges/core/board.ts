import { discordantCounts } from '../../stats/discordant-counts.js';
import { holmAdjust } from '../../stats/holm-adjust.js';
import { mcnemarExact } from '../../stats/mcnemar.js';
import { proportion, type IntervalOptions } from '../../score/core/proportion.js';
import { reported, type MetricDefinition } from './metrics.js';

/** One candidate row of a leaderboard: a team's best (or selected) submission, or a baseline. */
export interface BoardEntry {
  readonly submissionId: number;
  readonly teamId: number | null;
  readonly label: string;
  readonly baseline: boolean;
  /** Images right at the metric's k, of n (in Ladder mode: the released value as a count). */
  readonly correct: number;
  readonly n: number;
  readonly createdAt: string;
  /** Per-image correctness for the paired tests; absent rows are not tested (e.g. Ladder releases). */
  readonly bits?: Uint8Array;
}

export interface BoardRow {
  readonly rank: number;
  readonly entry: BoardEntry;
  readonly accuracy: number;
  /** The metric's value (accuracy or error) and its interval. */
  readonly value: number;
  readonly ci: [number, number];
  /** Statistically tied with the leader (Holm-corrected McNemar tests); undefined when not tested. */
  readonly tiedWithLeader?: boolean;
  readonly adjustedP?: number;
}

/** A row's tie test against the leader (the leader itself: tied, adjusted p 1). */
export interface TieFlag {
  readonly tiedWithLeader: boolean;
  readonly adjustedP: number;
}

export interface BoardOptions {
  readonly metric: MetricDefinition;
  readonly interval: IntervalOptions;
  readonly tieAlpha: number;
  /** Tie flags computed earlier for exactly these entries in board order (see {@link boardKey}); skips the tests. */
  readonly ties?: readonly TieFlag[];
}

/** Best first: higher accuracy, then the earlier submission (the first to reach a score keeps the place). */
export function sortBoard<E extends BoardEntry>(entries: readonly E[]): E[] {
  return [...entries].sort((a, b) => b.correct / b.n - a.correct / a.n || a.createdAt.localeCompare(b.createdAt) || a.submissionId - b.submissionId);
}

/**
 * What a board's tie tests depend on besides the bits: its submissions in board order. A submission's bits on one
 * split and label revision never change, so a board with the same key has the same tie flags (a cache key).
 */
export function boardKey(sorted: readonly BoardEntry[]): string {
  return sorted.map((e) => e.submissionId).join(',');
}

/**
 * The tie flags of a sorted board, as `stats/rankWithTies` computes them: McNemar's exact test of each row against
 * the leader on their discordant images, Holm-adjusted over the m − 1 comparisons, tied when adjusted p ≥ α.
 * `pairs` (by `leader:row` submission ids) keeps the unadjusted p-values across calls: when one team improves,
 * only its own comparison is recomputed, unless it took the lead.
 */
export function tieFlags(sorted: ReadonlyArray<BoardEntry & { readonly bits: Uint8Array }>, alpha: number, pairs?: Map<string, number>): TieFlag[] {
  const leader = sorted[0];
  if (!leader) return [];
  const pValues = sorted.slice(1).map((e) => {
    const key = `${leader.submissionId}:${e.submissionId}`;
    let p = pairs?.get(key);
    if (p === undefined) {
      const t = discordantCounts(e.bits, leader.bits);
      p = mcnemarExact(t.b, t.c).pValue;
      pairs?.set(key, p);
    }
    return p;
  });
  const adjusted = holmAdjust(pValues);
  return [{ tiedWithLeader: true, adjustedP: 1 }, ...adjusted.map((a) => ({ tiedWithLeader: a >= alpha, adjustedP: a }))];
}

/**
 * Orders entries best first and, when every entry carries its correctness bits (or `options.ties` gives the flags),
 * marks which are statistically tied with the leader.
 */
export function buildBoard(entries: readonly BoardEntry[], options: BoardOptions): BoardRow[] {
  const sorted = sortBoard(entries);
  const tested = sorted.length > 1 && sorted.every((e) => e.bits !== undefined);
  const flags = sorted.length > 1 ? (options.ties ?? (tested ? tieFlags(sorted as Array<BoardEntry & { bits: Uint8Array }>, options.tieAlpha) : undefined)) : undefined;
  return sorted.map((entry, i) => {
    const p = proportion(entry.correct, entry.n, options.interval);
    const shown = reported(options.metric, p.accuracy, p.ci);
    const f = flags?.[i];
    return {
      rank: i + 1, entry, accuracy: p.accuracy, value: shown.value, ci: shown.ci,
      ...(f ? { tiedWithLeader: f.tiedWithLeader, adjustedP: f.adjustedP } : {}),
    };
  });
}
