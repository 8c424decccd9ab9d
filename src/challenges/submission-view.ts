import type { PhaseRow, SubmissionRow } from '../store/areas/challenge-tables.js';
import type { ScoreRecord } from '../store/areas/challenge-store.js';
import { proportion } from '../score/core/proportion.js';
import { modeOfPhase } from './core/leaderboard-mode.js';
import { reported } from './core/metrics.js';
import type { LeaderboardSplit } from './core/split-assignment.js';
import type { ChallengeEnv } from './challenge-env.js';
import { ChallengeError } from './challenge-error.js';
import { challengeImages, type LoadedChallenge } from './load-challenge.js';
import { releasedCorrect } from './leaderboard.js';
import type { Viewer } from './viewer.js';

/** A score as a viewer may see it: the metric's value with n and its interval, and its provenance. */
export interface ScoreView {
  readonly metric: string;
  readonly value: number;
  readonly ci: [number, number];
  readonly n: number;
  readonly correct: number;
  readonly accuracy: number;
  /** Ladder phases: this is the team's released value, not the submission's own score. */
  readonly ladder?: { readonly round: number; readonly accepted: boolean };
  readonly revision: number;
  readonly scorerVersion: string;
  readonly submissionHash: string;
  readonly gitRevision: string;
  readonly scoredAt: string;
  /** Hosts only: a hash of a small label set could be inverted by brute force. */
  readonly labelHash?: string;
}

export interface ClassScoreView {
  readonly wnid: string;
  readonly name: string;
  readonly n: number;
  readonly correct: number;
  readonly value: number;
  readonly ci: [number, number];
}

export interface SubmissionView {
  readonly id: number;
  readonly challenge: string;
  readonly phase: string;
  readonly team?: string;
  readonly baseline?: string;
  /** For a duplicate: the state of the submission it repeats. */
  readonly status: SubmissionRow['state'];
  readonly duplicateOf?: number;
  readonly charged: boolean;
  readonly selected: boolean;
  readonly fileName: string;
  readonly format: string;
  readonly bytes: number;
  readonly message: string;
  readonly error?: string;
  readonly createdAt: string;
  readonly finishedAt?: string;
  readonly scores: Partial<Record<LeaderboardSplit, ScoreView>>;
  /** The submitting team's own per-class breakdown (standard phases; private only after closing). */
  readonly perClass?: Partial<Record<LeaderboardSplit, readonly ClassScoreView[]>>;
}

/** May this viewer see this submission at all? Its team and the challenge's hosts may; nobody else. */
export function canSee(viewer: Viewer, sub: SubmissionRow): boolean {
  return viewer.isHost || (sub.team_id !== null && sub.team_id === viewer.teamId);
}

/**
 * A submission as the viewer may see it: public score (in Ladder phases only the released value unless host), the
 * private score once the phase is closed, and, when asked for, per-class accuracy for the own team in standard phases
 * (an interval per class: too costly for every status poll).
 */
export async function submissionView(env: ChallengeEnv, c: LoadedChallenge, sub: SubmissionRow, viewer: Viewer, options: { perClass?: boolean } = {}): Promise<SubmissionView> {
  if (!canSee(viewer, sub)) throw new ChallengeError(`no submission ${sub.id} visible to you`, 404);
  const { store } = env.ws;
  const phase = c.phases.find((p) => p.id === sub.phase_id)!;
  const source = sub.duplicate_of !== null ? ((await store.findSubmission(sub.duplicate_of)) ?? sub) : sub;
  const scores = await store.listScores({ submissionIds: [source.id], revision: c.row.revision, perClass: options.perClass === true });
  const out: Partial<Record<LeaderboardSplit, ScoreView>> = {};
  const perClass: Partial<Record<LeaderboardSplit, readonly ClassScoreView[]>> = {};
  const ladder = modeOfPhase(phase).kind !== 'standard' && source.is_baseline === 0;
  for (const s of scores) {
    const split = s.split as LeaderboardSplit;
    if (!splitVisible(split, phase, viewer)) continue;
    if (split === 'public' && ladder && !viewer.isHost) {
      const [release] = await store.ladderReleases([source.id]);
      if (release) out.public = releasedView(c, s, release);
      continue;
    }
    out[split] = scoreView(c, s, viewer.isHost);
    if (options.perClass && perClassVisible(viewer, source, split, ladder)) perClass[split] = await classViews(env, c, s);
  }
  const teams = sub.team_id !== null ? await store.findTeam({ id: sub.team_id }) : undefined;
  return {
    id: sub.id, challenge: c.row.name, phase: phase.name, ...(teams ? { team: teams.name } : {}), ...(sub.baseline_name ? { baseline: sub.baseline_name } : {}),
    status: source.state, ...(sub.duplicate_of !== null ? { duplicateOf: sub.duplicate_of } : {}), charged: sub.charged === 1, selected: sub.selected === 1,
    fileName: sub.file_name, format: sub.format, bytes: sub.bytes, message: sub.message, ...(source.error ? { error: source.error } : {}),
    createdAt: sub.created_at, ...(source.finished_at ? { finishedAt: source.finished_at } : {}), scores: out,
    ...(Object.keys(perClass).length > 0 ? { perClass } : {}),
  };
}

/**
 * The per-class breakdown is the submitting team's own feedback: only its members see it (the "the submitting
 * team alone"), in standard phases, and in Ladder phases only on the private board (after closing; the public one
 * would bypass the Ladder). Hosts do not get it over HTTP: they see raw scores and the audit panel, and they hold
 * the labels anyway, so this is about the team's privacy, not a leak; baselines have no team and show none.
 */
export function perClassVisible(viewer: Viewer, sub: SubmissionRow, split: LeaderboardSplit, ladder: boolean): boolean {
  const ownTeam = sub.team_id !== null && viewer.teamId === sub.team_id;
  return ownTeam && (!ladder || split === 'private');
}

function splitVisible(split: LeaderboardSplit, phase: PhaseRow, viewer: Viewer): boolean {
  return split === 'public' || phase.closed_at !== null || viewer.isHost;
}

function scoreView(c: LoadedChallenge, s: ScoreRecord, host: boolean): ScoreView {
  const shown = reported(c.metric, s.accuracy, [s.ci_lower, s.ci_upper]);
  return {
    metric: c.metric.label, value: shown.value, ci: shown.ci, n: s.n, correct: s.correct, accuracy: s.accuracy, revision: s.revision,
    scorerVersion: s.scorer_version, submissionHash: s.submission_hash, gitRevision: s.git_revision, scoredAt: s.created_at,
    ...(host ? { labelHash: s.label_hash } : {}),
  };
}

function releasedView(c: LoadedChallenge, s: ScoreRecord, r: { round: number; accepted: number; released: number; n: number }): ScoreView {
  const correct = releasedCorrect(r.released, r.n);
  const p = proportion(correct, r.n, c.config.interval);
  const shown = reported(c.metric, p.accuracy, p.ci);
  return {
    metric: c.metric.label, value: shown.value, ci: shown.ci, n: r.n, correct, accuracy: p.accuracy, ladder: { round: r.round, accepted: r.accepted === 1 },
    revision: s.revision, scorerVersion: s.scorer_version, submissionHash: s.submission_hash, gitRevision: s.git_revision, scoredAt: s.created_at,
  };
}

async function classViews(env: ChallengeEnv, c: LoadedChallenge, s: ScoreRecord): Promise<ClassScoreView[]> {
  if (!s.per_class_json) return [];
  const { classes } = await challengeImages(env, c);
  const rows = JSON.parse(s.per_class_json) as Array<[number, number, number]>;
  return rows.map(([index, n, correct]) => {
    const e = classes.byIndex(index);
    const p = proportion(correct, n, c.config.interval);
    const shown = reported(c.metric, p.accuracy, p.ci);
    return { wnid: e.wnid, name: e.name, n, correct, value: shown.value, ci: shown.ci };
  });
}

/** The team's submissions (newest first), or every submission for a host. */
export async function listVisibleSubmissions(env: ChallengeEnv, c: LoadedChallenge, viewer: Viewer, phase?: PhaseRow): Promise<SubmissionView[]> {
  if (!viewer.isHost && viewer.teamId === undefined) return [];
  const rows = await env.ws.store.listSubmissions({ challengeId: c.row.id, ...(phase ? { phaseId: phase.id } : {}), ...(viewer.isHost ? {} : { teamId: viewer.teamId! }) });
  const views = await Promise.all(rows.map((r) => submissionView(env, c, r, viewer)));
  return views.reverse();
}

/** Marks up to `finalSelections` of the team's finished submissions of a phase as its final selection. */
export async function selectFinal(env: ChallengeEnv, c: LoadedChallenge, viewer: Viewer, phase: PhaseRow, ids: readonly number[]): Promise<number[]> {
  if (viewer.teamId === undefined) throw new ChallengeError('only team members select final submissions', 403);
  if (phase.closed_at !== null) throw new ChallengeError(`phase ${phase.name} is closed; selections are final`, 409);
  const unique = [...new Set(ids)];
  if (unique.length > c.config.finalSelections) throw new ChallengeError(`select at most ${c.config.finalSelections} submission(s)`, 400);
  const own = await env.ws.store.listSubmissions({ phaseId: phase.id, teamId: viewer.teamId, states: ['finished'] });
  for (const id of unique) {
    const s = own.find((x) => x.id === id);
    if (!s || s.duplicate_of !== null) throw new ChallengeError(`submission ${id} is not a finished, non-duplicate submission of your team in phase ${phase.name}`, 400);
  }
  await env.ws.store.setSelections(viewer.teamId, phase.id, unique);
  return unique;
}
