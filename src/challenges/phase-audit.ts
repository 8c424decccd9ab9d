import type { PhaseRow } from '../store/areas/challenge-tables.js';
import { alphaOf } from '../score/core/proportion.js';
import { seededRng } from '../stats/rng.js';
import { gapTest, topKGap, type GapTest, type PublicPrivate, type TopKGap } from './core/audit.js';
import type { ChallengeEnv } from './challenge-env.js';
import { ChallengeError } from './challenge-error.js';
import type { LoadedChallenge } from './load-challenge.js';
import type { Viewer } from './viewer.js';

export interface AuditRow extends PublicPrivate, GapTest {
  readonly team: string;
  readonly createdAt: string;
}

/** The audit panel of a closed phase (hosts only). */
export interface PhaseAudit {
  readonly phase: string;
  readonly confidence: number;
  readonly rows: readonly AuditRow[];
  readonly topK?: TopKGap & { readonly seed: number };
  /** How much the holdout was used: charged submissions, teams, and Ladder rounds and updates. */
  readonly spend: { readonly submissions: number; readonly failed: number; readonly duplicates: number; readonly teams: number; readonly ladderRounds: number; readonly ladderUpdates: number };
}

/** Seed of the audit's bootstrap, printed with it so the interval can be reproduced. */
export const AUDIT_SEED = 20151;

/**
 * Public vs private per submission after closing (Roelofs et al. 2019): each gap with its interval and a two-sample
 * binomial test, the mean gap of the top k by public score with a bootstrap interval (k = the larger of 1 and 10%
 * of the submissions, at most 10), and the holdout spend.
 */
export async function phaseAudit(env: ChallengeEnv, c: LoadedChallenge, phase: PhaseRow, viewer: Viewer, resamples = 2000): Promise<PhaseAudit> {
  if (!viewer.isHost) throw new ChallengeError('the audit panel is for the challenge\'s hosts', 403);
  if (phase.closed_at === null) throw new ChallengeError(`the audit of phase ${phase.name} opens when the phase is closed`, 409);
  const { store } = env.ws;
  const all = await store.listSubmissions({ phaseId: phase.id, baselines: false });
  const finished = all.filter((s) => s.state === 'finished' && s.duplicate_of === null);
  const teams = new Map((await store.listTeams(c.row.id)).map((t) => [t.id, t.name]));
  const scores = await store.listScores({ phaseId: phase.id, revision: c.row.revision });
  const alpha = alphaOf(c.config.interval.confidence);
  const rows: AuditRow[] = finished.flatMap((s) => {
    const pub = scores.find((x) => x.submission_id === s.id && x.split === 'public');
    const priv = scores.find((x) => x.submission_id === s.id && x.split === 'private');
    if (!pub || !priv) return [];
    const pp: PublicPrivate = { submissionId: s.id, label: `#${s.id}`, publicCorrect: pub.correct, publicN: pub.n, privateCorrect: priv.correct, privateN: priv.n };
    return [{ ...pp, ...gapTest(pp, alpha), team: teams.get(s.team_id!) ?? '', createdAt: s.created_at }];
  });
  const releases = await store.ladderReleases(finished.map((s) => s.id));
  const k = Math.min(10, Math.max(1, Math.round(rows.length / 10)));
  return {
    phase: phase.name,
    confidence: c.config.interval.confidence,
    rows,
    ...(rows.length > 0 ? { topK: { ...topKGap(rows, k, { rng: seededRng(AUDIT_SEED), resamples, alpha }), seed: AUDIT_SEED } } : {}),
    spend: {
      submissions: all.filter((s) => s.charged === 1).length,
      failed: all.filter((s) => s.state === 'failed').length,
      duplicates: all.filter((s) => s.duplicate_of !== null).length,
      teams: new Set(all.filter((s) => s.charged === 1).map((s) => s.team_id)).size,
      ladderRounds: releases.length,
      ladderUpdates: releases.filter((r) => r.accepted === 1).length,
    },
  };
}
