import type { Context } from 'hono';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { LeaderboardView } from '../../challenges/leaderboard.js';
import type { LoadedChallenge } from '../../challenges/load-challenge.js';
import { phaseIsOpen } from '../../challenges/load-challenge.js';
import { ChallengeError } from '../../challenges/challenge-error.js';
import { modeOfPhase, modeText } from '../../challenges/core/leaderboard-mode.js';
import { splitSizes, type LeaderboardSplit } from '../../challenges/core/split-assignment.js';
import type { AuthEnv } from '../middleware/authenticate.js';
import type { PageUser } from '../views/challenge-layout.js';

/** The page's view of the visitor (user and, for sessions, the CSRF token forms echo). */
export function pageUser(c: Context<AuthEnv>): PageUser {
  const auth = c.get('auth');
  if (auth.kind === 'session') return { user: auth.user, csrfToken: auth.csrfToken };
  return auth.kind === 'token' ? { user: auth.user } : {};
}

const boardQuery = z.object({
  phase: z.string().max(80).optional(),
  split: z.enum(['public', 'private']).default('public'),
  format: z.enum(['json', 'csv']).default('json'),
});

/** `?phase=&split=&format=` of leaderboard requests. */
export function parseBoardQuery(c: Context): z.output<typeof boardQuery> {
  const r = boardQuery.safeParse(c.req.query());
  if (!r.success) throw new ChallengeError(`bad query: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, 400);
  return r.data;
}

/** A positive integer path parameter (submission ids), else 404. */
export function idParam(c: Context, name: string): number {
  const v = c.req.param(name) ?? '';
  if (!/^[1-9]\d{0,12}$/.test(v)) throw new ChallengeError(`no submission "${v.slice(0, 20)}"`, 404);
  return Number(v);
}

/** Public facts about a challenge, for the list and detail endpoints. */
export function challengeJson(ch: LoadedChallenge, now: Date): Record<string, unknown> {
  const c = ch.config;
  return {
    name: ch.row.name, title: ch.row.title, description: c.description, rules: c.rules, dataset: c.dataset, split: c.split,
    metric: c.metric, metricLabel: ch.metric.label, direction: ch.metric.direction, interval: c.interval, tieAlpha: c.tieAlpha,
    images: ch.phases[0]?.assignment.length ?? 0, labelSpace: c.labelSpace, formats: c.formats, maxUploadBytes: c.maxUploadBytes,
    teamSizeLimit: c.teamSizeLimit, finalSelections: c.finalSelections, revision: ch.row.revision, createdAt: ch.row.created_at,
    phases: ch.phases.map((p) => ({
      name: p.name, start: p.starts_at, end: p.ends_at, closedAt: p.closed_at, open: phaseIsOpen(p, now), mode: modeText(modeOfPhase(p)),
      quota: { perDay: p.quota_per_day, total: p.quota_total, concurrent: p.quota_concurrent },
      publicImages: splitSizes(p.assignment).public, privateImages: splitSizes(p.assignment).private,
    })),
  };
}

/** A leaderboard as JSON: rows with value, interval, n and tie flags; never per-image data. */
export function leaderboardJson(b: LeaderboardView): Record<string, unknown> {
  return {
    challenge: b.challenge, phase: b.phase, split: b.split, metric: b.metric, direction: b.direction, mode: b.mode, n: b.n,
    released: b.released, ties: b.ties, tieAlpha: b.tieAlpha, interval: b.interval, closed: b.closed,
    rows: b.rows.map((r) => ({
      rank: r.rank, team: r.entry.label, baseline: r.entry.baseline, submissionId: r.entry.submissionId, value: r.value, ci: r.ci,
      accuracy: r.accuracy, correct: r.entry.correct, n: r.entry.n, submittedAt: r.entry.createdAt,
      ...(r.tiedWithLeader !== undefined ? { tiedWithLeader: r.tiedWithLeader, adjustedP: r.adjustedP } : {}),
    })),
    leaderOverTime: b.leaderOverTime,
  };
}

/** The CSV export of a leaderboard: one row per team or baseline, the same numbers as the page. */
export function leaderboardCsv(b: LeaderboardView): string {
  return stringify([
    ['rank', 'team', 'baseline', 'submission_id', 'metric', 'value', 'ci_lower', 'ci_upper', 'correct', 'n', 'tied_with_leader', 'adjusted_p', 'released', 'submitted_at'],
    ...b.rows.map((r) => [
      r.rank, r.entry.label, r.entry.baseline ? 1 : 0, r.entry.submissionId, b.metric, r.value, r.ci[0], r.ci[1], r.entry.correct, r.entry.n,
      r.tiedWithLeader === undefined ? '' : r.tiedWithLeader ? 1 : 0, r.adjustedP ?? '', b.released ? 1 : 0, r.entry.createdAt,
    ]),
  ]);
}

export function isSplit(s: string): s is LeaderboardSplit {
  return s === 'public' || s === 'private';
}
