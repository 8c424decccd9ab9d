import { readFile } from 'node:fs/promises';
import { UserError } from '../errors.js';
import { seededRng } from '../stats/rng.js';
import type { Store } from '../store/store.js';
import type { AuditReport } from './core/audit/audit-report.js';
import { parseKaggleSubmissions, parseKaggleTeams, type KaggleOptions } from './core/audit/kaggle-submissions.js';
import { auditCompetitions, type AuditCompetition } from './core/audit/overfitting-audit.js';

/** Statistics settings shared by both audits. */
export interface AuditSettings {
  readonly topFraction: number;
  readonly confidence: number;
  readonly fdr: number;
  readonly resamples: number;
  readonly seed: number;
}

const NOTE_SIGN = 'Without set sizes the gaps are raw score differences: the top-k test is a sign test and the interval resamples the k submissions, both treating submissions as independent although they share one public/private split; read them as indicative.';
const NOTE_COUNTS = 'With counts, the top-k interval redraws every submission\'s public and private counts and re-selects the top k in each resample (the winner\'s curse is inside the interval); the z-test uses the largest possible standard error of the mean gap (submissions perfectly correlated), so it is conservative.';

function report(source: string, comps: readonly AuditCompetition[], s: AuditSettings, notes: string[]): AuditReport {
  const alpha = Number((1 - s.confidence).toPrecision(15));
  const competitions = auditCompetitions(comps, { rng: seededRng(s.seed), topFraction: s.topFraction, resamples: s.resamples, alpha, fdr: s.fdr });
  const withCounts = competitions.some((c) => c.test === 'z-conservative');
  const withoutCounts = competitions.some((c) => c.test === 'sign');
  return {
    version: 'heldout-audit-report/1', source,
    settings: { topFraction: s.topFraction, confidence: s.confidence, fdr: s.fdr, bootstrap: { resamples: s.resamples, seed: s.seed } },
    competitions, flagged: competitions.filter((c) => c.flagged).length,
    notes: [...notes, ...(withCounts ? [NOTE_COUNTS] : []), ...(withoutCounts ? [NOTE_SIGN] : [])],
  };
}

async function readText(file: string): Promise<string> {
  return readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new UserError(`${file}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
  });
}

/** Audits the competitions of a Meta Kaggle `Submissions.csv` (docs/studies.md lists the columns read). */
export async function auditKaggle(req: { readonly csv: string; readonly teams?: string } & Omit<KaggleOptions, 'teams'>, s: AuditSettings): Promise<AuditReport> {
  const teams = req.teams ? parseKaggleTeams(await readText(req.teams), req.teams) : undefined;
  const { csv: _csv, teams: _teams, ...options } = req;
  const read = parseKaggleSubmissions(await readText(req.csv), req.csv, { ...options, ...(teams ? { teams } : {}) });
  if (read.competitions.length === 0) throw new UserError(`${req.csv}: no submission with both a public and a private score is left to audit`);
  const k = read.skipped;
  return report(req.csv, read.competitions, s, [
    `${read.rows} rows read; skipped: ${k.noScore} without both scores, ${k.afterDeadline} after the deadline, ${k.unknownTeam} of teams not in the Teams file, ${k.otherCompetition} of other competitions.`,
  ]);
}

/**
 * Audits Heldout's own challenges: every phase (closed ones only unless `allPhases`) is one competition whose
 * submissions have public and private counts, so the binomial tests apply. `names` limits the challenges.
 */
export async function auditChallenges(store: Store, req: { readonly names?: readonly string[]; readonly allPhases?: boolean }, s: AuditSettings): Promise<AuditReport> {
  const all = await store.listChallenges();
  for (const n of req.names ?? []) if (!all.some((c) => c.name === n)) throw new UserError(`no challenge named "${n}"`, 1);
  const chosen = req.names?.length ? all.filter((c) => req.names!.includes(c.name)) : all;
  const comps: AuditCompetition[] = [];
  let open = 0;
  for (const c of chosen) {
    const teams = new Map((await store.listTeams(c.id)).map((t) => [t.id, t.name]));
    for (const phase of await store.listPhases(c.id)) {
      if (phase.closed_at === null && !req.allPhases) {
        open++;
        continue;
      }
      const subs = (await store.listSubmissions({ phaseId: phase.id, baselines: false })).filter((x) => x.state === 'finished' && x.duplicate_of === null);
      const scores = await store.listScores({ phaseId: phase.id, revision: c.revision });
      comps.push({
        name: `${c.name}/${phase.name}`, direction: 'higher',
        submissions: subs.flatMap((x) => {
          const pub = scores.find((r) => r.submission_id === x.id && r.split === 'public');
          const priv = scores.find((r) => r.submission_id === x.id && r.split === 'private');
          if (!pub || !priv) return [];
          return [{
            id: `#${x.id}`, team: teams.get(x.team_id!) ?? '', public: pub.correct / pub.n, private: priv.correct / priv.n, selected: x.selected === 1,
            counts: { publicCorrect: pub.correct, publicN: pub.n, privateCorrect: priv.correct, privateN: priv.n },
          }];
        }),
      });
    }
  }
  if (comps.every((c) => c.submissions.length === 0)) {
    throw new UserError(`no scored submissions to audit${open ? ` (${open} open phase(s) skipped; pass --all-phases to include them)` : ''}`, 1);
  }
  return report('Heldout challenges', comps, s, [
    'Scores are accuracies at each challenge\'s metric k (errors are 1 − accuracy, the gap is the same); one competition per phase.',
    ...(open ? [`${open} open phase(s) skipped (their private boards are still secret); --all-phases includes them.`] : []),
  ]);
}
