import { parse } from 'csv-parse/sync';
import { UserError, at } from '../../../errors.js';
import type { AuditCompetition, AuditSubmission } from './overfitting-audit.js';

/** Options for reading Meta Kaggle's `Submissions.csv`. */
export interface KaggleOptions {
  /** TeamId → CompetitionId, from Meta Kaggle's `Teams.csv` (columns Id, CompetitionId). */
  readonly teams?: ReadonlyMap<string, string>;
  /** Only these competitions (ids). */
  readonly competitions?: readonly string[];
  readonly direction: 'higher' | 'lower';
  /** Keep submissions made after the deadline (they could not be selected; left out by default). */
  readonly includeAfterDeadline?: boolean;
  /** Public and private set sizes, for accuracy metrics: scores become counts and binomial tests apply. */
  readonly publicN?: number;
  readonly privateN?: number;
}

/** What was read and what was skipped, by reason. */
export interface KaggleRead {
  readonly competitions: AuditCompetition[];
  readonly rows: number;
  readonly skipped: { readonly noScore: number; readonly afterDeadline: number; readonly otherCompetition: number; readonly unknownTeam: number };
}

type Rec = Record<string, string>;

function records(text: string, file: string): Array<{ record: Rec; info: { lines: number } }> {
  try {
    return parse(text, { bom: true, skip_empty_lines: true, info: true, columns: (h: string[]) => h.map((c) => c.trim()), relax_column_count: true });
  } catch (err) {
    throw new UserError(`${at(file, (err as { lines?: number }).lines)}: not a valid CSV file: ${err instanceof Error ? err.message : String(err)}`);
  }
}

const truthy = (v: string | undefined) => /^(true|1|yes)$/i.test((v ?? '').trim());

/** Meta Kaggle's `Teams.csv` → TeamId → CompetitionId. */
export function parseKaggleTeams(text: string, file: string): Map<string, string> {
  const rs = records(text, file);
  if (rs.length === 0 || !('Id' in rs[0]!.record) || !('CompetitionId' in rs[0]!.record)) throw new UserError(`${file}: expected Meta Kaggle Teams.csv columns Id and CompetitionId`);
  return new Map(rs.map(({ record }) => [record.Id!.trim(), record.CompetitionId!.trim()]));
}

/**
 * Reads Meta Kaggle's `Submissions.csv` (Id, TeamId, SubmissionDate, IsAfterDeadline, IsSelected,
 * PublicScoreFullPrecision, PrivateScoreFullPrecision; the *LeaderboardDisplay columns when the full-precision ones
 * are absent; a CompetitionId column, or `teams`, to split by competition, else one competition named after the file).
 * Submissions without both scores are skipped and counted; errors name `file:line`.
 */
export function parseKaggleSubmissions(text: string, file: string, o: KaggleOptions): KaggleRead {
  const rs = records(text, file);
  if (rs.length === 0) throw new UserError(`${file}: no submissions`);
  const cols = Object.keys(rs[0]!.record);
  const pick = (...names: string[]) => names.find((n) => cols.includes(n));
  const pub = pick('PublicScoreFullPrecision', 'PublicScoreLeaderboardDisplay', 'PublicScore');
  const priv = pick('PrivateScoreFullPrecision', 'PrivateScoreLeaderboardDisplay', 'PrivateScore');
  const missing = [['Id', pick('Id')], ['TeamId', pick('TeamId')], ['PublicScoreFullPrecision', pub], ['PrivateScoreFullPrecision', priv]].filter(([, v]) => !v).map(([n]) => n);
  if (missing.length) throw new UserError(`${file}: missing Meta Kaggle column(s) ${missing.join(', ')}; found ${cols.join(', ')}`);
  const hasComp = cols.includes('CompetitionId');
  const fallback = file.split(/[\\/]/).pop() ?? file;
  const skipped = { noScore: 0, afterDeadline: 0, otherCompetition: 0, unknownTeam: 0 };
  const byComp = new Map<string, AuditSubmission[]>();
  const counts = o.publicN !== undefined && o.privateN !== undefined;
  for (const { record, info } of rs) {
    const p = record[pub!]?.trim() ?? '';
    const q = record[priv!]?.trim() ?? '';
    if (p === '' || q === '') {
      skipped.noScore++;
      continue;
    }
    const a = Number(p);
    const b = Number(q);
    if (!Number.isFinite(a) || !Number.isFinite(b)) throw new UserError(`${at(file, info.lines)}: scores "${p}" and "${q}" must be numbers`);
    if (!o.includeAfterDeadline && truthy(record.IsAfterDeadline)) {
      skipped.afterDeadline++;
      continue;
    }
    const team = record.TeamId!.trim();
    let comp = hasComp ? record.CompetitionId!.trim() : o.teams ? o.teams.get(team) : fallback;
    if (comp === undefined) {
      skipped.unknownTeam++;
      continue;
    }
    if (o.competitions && !o.competitions.includes(comp)) {
      skipped.otherCompetition++;
      continue;
    }
    comp = String(comp);
    if (counts && (a < 0 || a > 1 || b < 0 || b > 1)) throw new UserError(`${at(file, info.lines)}: with --public-n/--private-n the scores must be accuracies in [0, 1], got ${p} and ${q}`);
    const s: AuditSubmission = {
      id: record.Id!.trim(), team, public: a, private: b, selected: truthy(record.IsSelected),
      ...(counts ? { counts: { publicCorrect: Math.round(a * o.publicN!), publicN: o.publicN!, privateCorrect: Math.round(b * o.privateN!), privateN: o.privateN! } } : {}),
    };
    let list = byComp.get(comp);
    if (!list) byComp.set(comp, (list = []));
    list.push(s);
  }
  const competitions = [...byComp.entries()].sort(([x], [y]) => x.localeCompare(y, 'en', { numeric: true }))
    .map(([name, submissions]) => ({ name, direction: o.direction, submissions }));
  return { competitions, rows: rs.length, skipped };
}
