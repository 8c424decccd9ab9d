import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { gapTest, topKGap } from '../../../challenges/core/audit.js';
import { benjaminiHochberg } from '../../../stats/benjamini-hochberg.js';
import { mcnemarExact } from '../../../stats/mcnemar.js';
import { quantileSorted } from '../../../stats/quantile-sorted.js';
import type { Rng } from '../../../stats/rng.js';

/** One submission's public and private scores; counts when the metric is an accuracy with known n. */
export interface AuditSubmission {
  readonly id: string;
  readonly team: string;
  readonly public: number;
  readonly private: number;
  readonly counts?: { readonly publicCorrect: number; readonly publicN: number; readonly privateCorrect: number; readonly privateN: number };
  readonly selected: boolean;
}

/** A competition (or a challenge phase): its submissions and whether a higher score is better. */
export interface AuditCompetition {
  readonly name: string;
  readonly direction: 'higher' | 'lower';
  readonly submissions: readonly AuditSubmission[];
}

export interface AuditOptions {
  readonly rng: Rng;
  /** Fraction of submissions, by public score, whose mean gap is tested (Roelofs et al.: the top 10%). */
  readonly topFraction: number;
  readonly resamples: number;
  readonly alpha: number;
  /** False-discovery rate of the Benjamini–Hochberg step across competitions. */
  readonly fdr: number;
}

/** One competition's audit. Gaps are public − private, signed so that positive means the public board was optimistic. */
export interface CompetitionAudit {
  readonly name: string;
  readonly direction: 'higher' | 'lower';
  readonly submissions: number;
  readonly teams: number;
  readonly meanGapAll: number;
  readonly topK: {
    readonly k: number;
    readonly meanGap: number;
    readonly ci: readonly [number, number] | null;
    /** `binomial-reselect`: counts redrawn from Binomial(n, p) and the top k re-selected each resample (winner's curse
     *  included); `submissions`: the k gaps resampled (no n known). */
    readonly ciMethod: 'binomial-reselect' | 'submissions';
  };
  readonly pValue: number;
  /** `z-conservative`: z of the top-k mean gap with the largest possible standard error (perfectly correlated
   *  submissions); `sign`: two-sided sign test of the top-k gaps (exact binomial). */
  readonly test: 'z-conservative' | 'sign';
  readonly qValue: number;
  readonly flagged: boolean;
  readonly selected: { readonly count: number; readonly meanGap: number | null };
  /** The top k submissions with their gap (and, with counts, its Newcombe interval and two-sample p-value). */
  readonly top: ReadonlyArray<{ readonly id: string; readonly team: string; readonly public: number; readonly private: number; readonly gap: number; readonly ci?: readonly [number, number]; readonly pValue?: number }>;
}

const gapOf = (s: AuditSubmission, dir: 'higher' | 'lower') => (dir === 'higher' ? s.public - s.private : s.private - s.public);

/**
 * The public-vs-private overfitting audit of Roelofs et al. (2019) for each competition, then Benjamini–Hochberg
 * across competitions: a competition is flagged when its top-k mean gap is significantly non-zero at FDR `fdr`.
 * Competitions without submissions are left out. Deterministic given the Rng.
 */
export function auditCompetitions(competitions: readonly AuditCompetition[], o: AuditOptions): CompetitionAudit[] {
  const rows = competitions.filter((c) => c.submissions.length > 0).map((c) => auditOne(c, o));
  const q = benjaminiHochberg(rows.map((r) => r.pValue));
  return rows.map((r, i) => ({ ...r, qValue: q[i]!, flagged: q[i]! <= o.fdr }));
}

function auditOne(c: AuditCompetition, o: AuditOptions): Omit<CompetitionAudit, 'qValue' | 'flagged'> {
  const subs = c.submissions;
  const k = Math.min(subs.length, Math.max(1, Math.ceil(o.topFraction * subs.length)));
  const order = subs.map((s, i) => i).sort((a, b) => (c.direction === 'higher' ? subs[b]!.public - subs[a]!.public : subs[a]!.public - subs[b]!.public) || a - b);
  const top = order.slice(0, k).map((i) => subs[i]!);
  const gaps = top.map((s) => gapOf(s, c.direction));
  const meanGap = gaps.reduce((a, b) => a + b, 0) / k;
  const selected = subs.filter((s) => s.selected);
  const base = {
    name: c.name, direction: c.direction, submissions: subs.length, teams: new Set(subs.map((s) => s.team)).size,
    meanGapAll: subs.reduce((a, s) => a + gapOf(s, c.direction), 0) / subs.length,
    selected: { count: selected.length, meanGap: selected.length ? selected.reduce((a, s) => a + gapOf(s, c.direction), 0) / selected.length : null },
  };
  if (subs.every((s) => s.counts) && c.direction === 'higher') {
    const pp = subs.map((s, i) => ({ submissionId: i, label: s.id, ...s.counts! }));
    const t = topKGap(pp, k, { rng: o.rng, resamples: o.resamples, alpha: o.alpha });
    let se = 0;
    for (const s of top) {
      const { publicCorrect: a, publicN: n1, privateCorrect: b, privateN: n2 } = s.counts!;
      se += Math.sqrt(((a / n1) * (1 - a / n1)) / n1 + ((b / n2) * (1 - b / n2)) / n2);
    }
    se /= k;
    const pValue = se === 0 ? (meanGap === 0 ? 1 : 0) : Math.min(1, 2 * normalCdf(-Math.abs(meanGap) / se, 0, 1));
    return {
      ...base, topK: { k, meanGap, ci: t.ci, ciMethod: 'binomial-reselect' }, pValue, test: 'z-conservative',
      top: top.map((s) => {
        const g = gapTest({ submissionId: 0, label: s.id, ...s.counts! }, o.alpha);
        return { id: s.id, team: s.team, public: s.public, private: s.private, gap: g.gap, ci: g.ci, pValue: g.pValue };
      }),
    };
  }
  const pos = gaps.filter((g) => g > 0).length;
  const neg = gaps.filter((g) => g < 0).length;
  return {
    ...base,
    topK: { k, meanGap, ci: k >= 2 ? bootstrapMeanCi(gaps, o) : null, ciMethod: 'submissions' },
    pValue: mcnemarExact(pos, neg).pValue, test: 'sign',
    top: top.map((s, i) => ({ id: s.id, team: s.team, public: s.public, private: s.private, gap: gaps[i]! })),
  };
}

/** Percentile bootstrap interval of a mean, resampling the values. */
function bootstrapMeanCi(values: readonly number[], o: AuditOptions): [number, number] {
  const n = values.length;
  const means = new Float64Array(o.resamples);
  for (let r = 0; r < o.resamples; r++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += values[o.rng.int(n)]!;
    means[r] = s / n;
  }
  means.sort();
  return [quantileSorted(means, o.alpha / 2), quantileSorted(means, 1 - o.alpha / 2)];
}
