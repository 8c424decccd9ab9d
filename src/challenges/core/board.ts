import { rankWithTies } from '../../stats/rank-with-ties.js';
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

export interface BoardOptions {
  readonly metric: MetricDefinition;
  readonly interval: IntervalOptions;
  readonly tieAlpha: number;
}

/**
 * Orders entries best first (higher accuracy, then earlier submission: the first to reach a score keeps the place)
 * and, when every entry carries its correctness bits, marks which are statistically tied with the leader.
 */
export function buildBoard(entries: readonly BoardEntry[], options: BoardOptions): BoardRow[] {
  const sorted = [...entries].sort((a, b) => b.correct / b.n - a.correct / a.n || a.createdAt.localeCompare(b.createdAt) || a.submissionId - b.submissionId);
  const tested = sorted.length > 1 && sorted.every((e) => e.bits !== undefined);
  // rankWithTies keeps input order among equal means, so passing the sorted list keeps our tie-break.
  const ranking = tested ? rankWithTies(sorted.map((e) => ({ id: String(e.submissionId), scores: e.bits! })), { alpha: options.tieAlpha }) : undefined;
  const byId = new Map(ranking?.entries.map((r) => [r.id, r]));
  return sorted.map((entry, i) => {
    const p = proportion(entry.correct, entry.n, options.interval);
    const shown = reported(options.metric, p.accuracy, p.ci);
    const r = byId.get(String(entry.submissionId));
    return {
      rank: i + 1, entry, accuracy: p.accuracy, value: shown.value, ci: shown.ci,
      ...(r ? { tiedWithLeader: r.tiedWithLeader, adjustedP: r.adjustedP } : {}),
    };
  });
}
