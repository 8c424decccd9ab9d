import type { LadderReleaseRow, PhaseRow, SubmissionRow } from '../store/areas/challenge-tables.js';
import type { ScoreRecord } from '../store/areas/challenge-store.js';
import { boardKey, buildBoard, sortBoard, tieFlags, type BoardEntry, type BoardRow, type TieFlag } from './core/board.js';
import { modeOfPhase, modeText } from './core/leaderboard-mode.js';
import { splitSizes, type LeaderboardSplit } from './core/split-assignment.js';
import type { ChallengeEnv } from './challenge-env.js';
import { ChallengeError } from './challenge-error.js';
import type { LoadedChallenge } from './load-challenge.js';
import { unpackBits } from './correct-bits.js';
import type { Viewer } from './viewer.js';

export interface LeaderboardView {
  readonly challenge: string;
  readonly phase: string;
  readonly split: LeaderboardSplit;
  readonly metric: string;
  readonly direction: string;
  readonly mode: string;
  /** Images on this board. */
  readonly n: number;
  /** True when rows show Ladder releases instead of raw scores. */
  readonly released: boolean;
  /** True when rows carry tie flags (paired McNemar tests against the leader, Holm-corrected at `tieAlpha`). */
  readonly ties: boolean;
  readonly tieAlpha: number;
  readonly interval: { readonly method: string; readonly confidence: number };
  readonly closed: boolean;
  readonly rows: readonly BoardRow[];
  /** The best public value over time (public board only). */
  readonly leaderOverTime: ReadonlyArray<{ readonly at: string; readonly value: number; readonly label: string }>;
}

/**
 * One board of one phase, one row per team (its best submission on the public board; its best final selection on the
 * private one) plus each baseline. The private board exists for non-hosts only once the phase is closed; in Ladder
 * modes the public board shows each team's last release, never a raw score, and no tie test (it would leak).
 */
export async function phaseLeaderboard(env: ChallengeEnv, c: LoadedChallenge, phase: PhaseRow, split: LeaderboardSplit, viewer: Viewer): Promise<LeaderboardView> {
  const closed = phase.closed_at !== null;
  if (split === 'private' && !closed && !viewer.isHost) throw new ChallengeError(`the private leaderboard of phase ${phase.name} is hidden until the host closes the phase`, 403);
  const { store } = env.ws;
  const mode = modeOfPhase(phase);
  const released = split === 'public' && mode.kind !== 'standard';
  const subs = (await store.listSubmissions({ phaseId: phase.id, states: ['finished'] })).filter((s) => s.duplicate_of === null);
  const teams = new Map((await store.listTeams(c.row.id)).map((t) => [t.id, t.name]));
  const label = (s: SubmissionRow) => (s.is_baseline ? (s.baseline_name ?? 'baseline') : (teams.get(s.team_id!) ?? `team ${s.team_id}`));
  const pub = await scoreMap(env, c, phase, 'public');
  const target = split === 'public' ? pub : await scoreMap(env, c, phase, 'private');
  const withScore = (list: readonly SubmissionRow[]) => list.flatMap((sub) => (target.has(sub.id) ? [{ sub, score: target.get(sub.id)! }] : []));
  const baselines = withScore(subs.filter((s) => s.is_baseline === 1));
  const teamSubs = [...groupBy(subs.filter((s) => s.is_baseline === 0), (s) => s.team_id!).values()];
  const entry = ({ sub, score }: { sub: SubmissionRow; score: ScoreRecord }): BoardEntry => ({
    submissionId: sub.id, teamId: sub.team_id, label: label(sub), baseline: sub.is_baseline === 1, correct: score.correct, n: score.n, createdAt: sub.created_at,
  });

  let entries: BoardEntry[];
  let ties: readonly TieFlag[] | undefined;
  let timeline: Array<{ sub: SubmissionRow; accuracy: number }>;
  if (released) {
    const releases = await store.ladderReleases(teamSubs.flat().map((s) => s.id));
    const subOf = new Map(subs.map((s) => [s.id, s]));
    entries = [...baselines.map(entry), ...lastReleases(releases, subOf, label)];
    timeline = releases.map((r) => ({ sub: subOf.get(r.submission_id)!, accuracy: 1 - r.released }));
  } else {
    const best = teamSubs.flatMap((list) => {
      const b = bestBy(withScore(split === 'public' ? list : finalCandidates(list, pub, c.config.finalSelections)));
      return b ? [b] : [];
    });
    entries = [...baselines, ...best].map(entry);
    ties = await boardTies(env, c, phase, split, entries);
    timeline = teamSubs.flat().flatMap((sub) => (pub.has(sub.id) ? [{ sub, accuracy: pub.get(sub.id)!.accuracy }] : []));
  }
  const rows = buildBoard(entries, { metric: c.metric, interval: c.config.interval, tieAlpha: c.config.tieAlpha, ...(ties ? { ties } : {}) });
  return {
    challenge: c.row.name, phase: phase.name, split, metric: c.metric.label, direction: c.metric.direction, mode: modeText(mode),
    n: splitSizes(phase.assignment)[split], released, ties: rows.some((r) => r.tiedWithLeader !== undefined), tieAlpha: c.config.tieAlpha,
    interval: c.config.interval, closed, rows, leaderOverTime: split === 'public' ? leaderOverTime(timeline, c, label) : [],
  };
}

/** Bounds of the per-process caches below: a miss only costs a query and a recomputation. */
const MAX_CACHED_BITS = 1024;
const MAX_CACHED_BOARDS = 256;

/**
 * The tie flags of a standard board. They depend only on its submissions in board order (their bits on this split
 * and revision never change), so they are cached per board key: repeated requests of an unchanged board run no
 * test, and a board where one team improved reruns only that team's comparison with the leader (cached p-values).
 * The bits come from a per-process cache, loading only the ones it lacks. Nothing here needs invalidating, so
 * several server processes can each keep their own.
 */
async function boardTies(env: ChallengeEnv, c: LoadedChallenge, phase: PhaseRow, split: LeaderboardSplit, entries: readonly BoardEntry[]): Promise<readonly TieFlag[] | undefined> {
  if (entries.length < 2) return undefined;
  const sorted = sortBoard(entries);
  const scope = `${phase.id}:${split}:${c.row.revision}:${c.config.tieAlpha}`;
  let cache = env.cache.ties.get(scope);
  if (!cache) env.cache.ties.set(scope, (cache = { boards: new Map(), pairs: new Map() }));
  const key = boardKey(sorted);
  const hit = cache.boards.get(key);
  if (hit) return hit;
  const bitsKey = (id: number) => `${id}:${split}:${c.row.revision}`;
  const missing = sorted.filter((e) => !env.cache.bits.has(bitsKey(e.submissionId))).map((e) => e.submissionId);
  if (missing.length > 0) {
    if (env.cache.bits.size + missing.length > MAX_CACHED_BITS) env.cache.bits.clear();
    for (const s of await env.ws.store.listScores({ submissionIds: missing, split, revision: c.row.revision, withBits: true, perClass: false })) {
      env.cache.bits.set(bitsKey(s.submission_id), unpackBits(s.correct_bits!, s.n));
    }
  }
  const withBits = sorted.map((e) => ({ ...e, bits: env.cache.bits.get(bitsKey(e.submissionId)) }));
  if (!withBits.every((e): e is typeof e & { bits: Uint8Array } => e.bits !== undefined)) return undefined;
  if (cache.boards.size >= MAX_CACHED_BOARDS) cache.boards.clear();
  if (cache.pairs.size >= MAX_CACHED_BOARDS * 16) cache.pairs.clear();
  const flags = tieFlags(withBits, c.config.tieAlpha, cache.pairs);
  cache.boards.set(key, flags);
  return flags;
}

async function scoreMap(env: ChallengeEnv, c: LoadedChallenge, phase: PhaseRow, split: LeaderboardSplit): Promise<Map<number, ScoreRecord>> {
  const rows = await env.ws.store.listScores({ phaseId: phase.id, split, revision: c.row.revision, perClass: false });
  return new Map(rows.map((s) => [s.submission_id, s]));
}

/** The submissions a team's private score is taken from: its selections, or by default its best N public ones. */
export function finalCandidates(list: readonly SubmissionRow[], pub: ReadonlyMap<number, ScoreRecord>, n: number): SubmissionRow[] {
  const selected = list.filter((s) => s.selected === 1);
  if (selected.length > 0) return selected;
  return [...list].filter((s) => pub.has(s.id))
    .sort((a, b) => pub.get(b.id)!.accuracy - pub.get(a.id)!.accuracy || a.created_at.localeCompare(b.created_at) || a.id - b.id)
    .slice(0, n);
}

/** Each team's release in force: the value set by its last accepted Ladder round, dated by that round's submission. */
function lastReleases(releases: readonly LadderReleaseRow[], subOf: ReadonlyMap<number, SubmissionRow>, label: (s: SubmissionRow) => string): BoardEntry[] {
  const byTeam = new Map<number, { sub: SubmissionRow; release: LadderReleaseRow }>();
  for (const release of releases) {
    const sub = subOf.get(release.submission_id);
    if (!sub || release.accepted !== 1) continue;
    const cur = byTeam.get(sub.team_id!);
    if (!cur || release.round > cur.release.round) byTeam.set(sub.team_id!, { sub, release });
  }
  return [...byTeam.values()].map(({ sub, release }) => ({
    submissionId: sub.id, teamId: sub.team_id, label: label(sub), baseline: false, correct: releasedCorrect(release.released, release.n), n: release.n, createdAt: sub.created_at,
  }));
}

/** A released loss as a count of correct images (rounded when η is not a multiple of 1/n), for its interval. */
export function releasedCorrect(releasedLoss: number, n: number): number {
  return Math.min(n, Math.max(0, Math.round((1 - releasedLoss) * n)));
}

function leaderOverTime(points: ReadonlyArray<{ sub: SubmissionRow; accuracy: number }>, c: LoadedChallenge, label: (s: SubmissionRow) => string) {
  const out: Array<{ at: string; value: number; label: string }> = [];
  let best = -1;
  for (const p of [...points].sort((a, b) => a.sub.created_at.localeCompare(b.sub.created_at) || a.sub.id - b.sub.id)) {
    if (p.accuracy > best) {
      best = p.accuracy;
      out.push({ at: p.sub.finished_at ?? p.sub.created_at, value: c.metric.report === 'accuracy' ? best : 1 - best, label: label(p.sub) });
    }
  }
  return out;
}

function bestBy(xs: ReadonlyArray<{ sub: SubmissionRow; score: ScoreRecord }>) {
  return [...xs].sort((a, b) => b.score.accuracy - a.score.accuracy || a.sub.created_at.localeCompare(b.sub.created_at) || a.sub.id - b.sub.id)[0];
}

function groupBy<T, K>(xs: readonly T[], key: (x: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
}
