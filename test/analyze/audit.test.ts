import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditCompetitions, type AuditSubmission } from '../../src/analyze/core/audit/overfitting-audit.js';
import { seededRng } from '../../src/stats/rng.js';
import { runHeldout } from '../helpers/run-heldout.js';
import { tempDir } from '../helpers/temp-workspace.js';

interface AuditJson {
  competitions: Array<{ name: string; submissions: number; teams: number; topK: { k: number; meanGap: number; ci: number[] | null; ciMethod: string }; test: string; pValue: number; qValue: number; flagged: boolean; selected: { count: number } }>;
  flagged: number;
  notes: string[];
}

// A Meta Kaggle extract: competition 101 overfits its public board (the best public scores drop on private),
// competition 202 does not. Teams.csv maps TeamId → CompetitionId. Columns as in Meta Kaggle.
function submissionsCsv(): string {
  const rows = ['Id,SubmittedUserId,TeamId,SourceKernelVersionId,SubmissionDate,ScoreDate,IsAfterDeadline,IsSelected,PublicScoreLeaderboardDisplay,PublicScoreFullPrecision,PrivateScoreLeaderboardDisplay,PrivateScoreFullPrecision'];
  const rng = seededRng(5);
  let id = 1;
  for (let i = 0; i < 40; i++) {
    const team = 10 + (i % 8);
    const pub = 0.7 + 0.25 * rng.next();
    const priv = pub - (pub > 0.88 ? 0.05 : 0) + 0.004 * (rng.next() - 0.5);
    rows.push(`${id++},1,${team},,2019-01-01,2019-01-01,False,${i % 9 === 0 ? 'True' : 'False'},${pub.toFixed(3)},${pub},${priv.toFixed(3)},${priv}`);
  }
  for (let i = 0; i < 30; i++) {
    const team = 50 + (i % 5);
    const pub = 0.6 + 0.3 * rng.next();
    const priv = pub + 0.01 * (rng.next() - 0.5);
    rows.push(`${id++},2,${team},,2019-02-01,2019-02-01,False,False,${pub.toFixed(3)},${pub},${priv.toFixed(3)},${priv}`);
  }
  rows.push(`${id++},3,10,,2019-03-01,2019-03-01,True,False,0.99,0.99,0.5,0.5`); // after the deadline: skipped
  rows.push(`${id},3,10,,2019-03-01,,False,False,,,,`); // never scored: skipped
  return `${rows.join('\n')}\n`;
}
const TEAMS = `Id,CompetitionId,TeamName\n${[10, 11, 12, 13, 14, 15, 16, 17].map((t) => `${t},101,t${t}`).join('\n')}\n${[50, 51, 52, 53, 54].map((t) => `${t},202,t${t}`).join('\n')}\n`;

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  await writeFile(path.join(dir, 'Submissions.csv'), submissionsCsv());
  await writeFile(path.join(dir, 'Teams.csv'), TEAMS);
});
afterEach(() => cleanup());

describe('heldout audit kaggle', () => {
  it('groups by competition, flags the overfitted one with binomial tests when set sizes are given', async () => {
    const r = await runHeldout(path.join(dir, 'ws'), 'audit', 'kaggle', '--csv', path.join(dir, 'Submissions.csv'), '--teams', path.join(dir, 'Teams.csv'),
      '--public-n', '3000', '--private-n', '7000', '--format', 'json', '--bootstrap', '500');
    expect(r.err).toBe('');
    const j = JSON.parse(r.out) as AuditJson;
    expect(j.competitions.map((c) => [c.name, c.submissions, c.teams])).toEqual([['101', 40, 8], ['202', 30, 5]]);
    const [a, b] = j.competitions as [AuditJson['competitions'][0], AuditJson['competitions'][0]];
    expect(a.topK.k).toBe(4);
    expect(a.topK.meanGap).toBeGreaterThan(0.04);
    expect(a.test).toBe('z-conservative');
    expect(a.topK.ciMethod).toBe('binomial-reselect');
    expect(a.flagged).toBe(true);
    expect(b.flagged).toBe(false);
    expect(a.selected.count).toBe(5);
    expect(j.notes[0]).toMatch(/72 rows read; skipped: 1 without both scores, 1 after the deadline/);
  });

  it('without set sizes uses a sign test and resamples submissions; Markdown by default', async () => {
    const r = await runHeldout(path.join(dir, 'ws'), 'audit', 'kaggle', '--csv', path.join(dir, 'Submissions.csv'), '--teams', path.join(dir, 'Teams.csv'), '--top', '0.25', '--format', 'json');
    const j = JSON.parse(r.out) as AuditJson;
    expect(j.competitions[0]).toMatchObject({ test: 'sign', topK: { k: 10, ciMethod: 'submissions' } });
    const md = await runHeldout(path.join(dir, 'ws'), 'audit', 'kaggle', '--csv', path.join(dir, 'Submissions.csv'), '--competition', '202', '--teams', path.join(dir, 'Teams.csv'));
    expect(md.out).toMatch(/^# Public vs private audit: /);
    expect(md.out).toMatch(/\| 202 \| 30 \| 5 \|/);
    expect(md.out).not.toMatch(/\| 101 \|/);
  });

  it('a lower-is-better metric flips the sign of the gap', async () => {
    const csv = 'Id,TeamId,PublicScoreFullPrecision,PrivateScoreFullPrecision\n1,1,0.10,0.20\n2,2,0.12,0.21\n3,3,0.30,0.30\n';
    await writeFile(path.join(dir, 'loss.csv'), csv);
    const j = JSON.parse((await runHeldout(path.join(dir, 'ws'), 'audit', 'kaggle', '--csv', path.join(dir, 'loss.csv'), '--lower-is-better', '--top', '0.5', '--format', 'json')).out) as AuditJson;
    expect(j.competitions[0]!.name).toBe('loss.csv');
    expect(j.competitions[0]!.topK.k).toBe(2);
    expect(j.competitions[0]!.topK.meanGap).toBeCloseTo(0.095, 12);
  });

  it('bad input: missing columns, scores outside [0, 1] with set sizes, a lone --public-n', async () => {
    await writeFile(path.join(dir, 'bad.csv'), 'Id,TeamId,Score\n1,1,0.5\n');
    expect((await runHeldout(dir, 'audit', 'kaggle', '--csv', path.join(dir, 'bad.csv'))).err).toMatch(/missing Meta Kaggle column\(s\) PublicScoreFullPrecision, PrivateScoreFullPrecision/);
    await writeFile(path.join(dir, 'pct.csv'), 'Id,TeamId,PublicScoreFullPrecision,PrivateScoreFullPrecision\n1,1,85,84\n');
    expect((await runHeldout(dir, 'audit', 'kaggle', '--csv', path.join(dir, 'pct.csv'), '--public-n', '10', '--private-n', '10')).err).toMatch(/pct\.csv:2: with --public-n\/--private-n the scores must be accuracies in \[0, 1\]/);
    expect((await runHeldout(dir, 'audit', 'kaggle', '--csv', path.join(dir, 'pct.csv'), '--public-n', '10')).err).toMatch(/--public-n and --private-n go together/);
    expect((await runHeldout(dir, 'audit', 'kaggle', '--csv', path.join(dir, 'nope.csv'))).err).toMatch(/nope\.csv: no such file/);
  });

  it('writes to --out; an empty workspace has no challenges to audit', async () => {
    const out = path.join(dir, 'audit.md');
    const r = await runHeldout(path.join(dir, 'ws'), 'audit', 'kaggle', '--csv', path.join(dir, 'Submissions.csv'), '--out', out);
    expect(r.out).toMatch(/wrote the audit of 1 competition\(s\)/);
    expect(await readFile(out, 'utf8')).toContain('Submissions.csv');
    const c = await runHeldout(path.join(dir, 'ws'), 'audit', 'challenges');
    expect(c.code).toBe(1);
    expect(c.err).toMatch(/no scored submissions to audit/);
  });
});

describe('auditCompetitions', () => {
  const sub = (id: string, pub: number, priv: number, n = 1000): AuditSubmission => ({
    id, team: id, public: pub / n, private: priv / n, selected: false, counts: { publicCorrect: pub, publicN: n, privateCorrect: priv, privateN: n },
  });
  it('is deterministic for a seed, and Benjamini–Hochberg adjusts across competitions', () => {
    const comps = [
      { name: 'a', direction: 'higher' as const, submissions: [sub('1', 900, 850), sub('2', 880, 830), sub('3', 700, 700)] },
      { name: 'b', direction: 'higher' as const, submissions: [sub('4', 800, 801), sub('5', 780, 779)] },
      { name: 'empty', direction: 'higher' as const, submissions: [] },
    ];
    const o = { topFraction: 0.5, resamples: 300, alpha: 0.05, fdr: 0.05 };
    const r1 = auditCompetitions(comps, { ...o, rng: seededRng(9) });
    const r2 = auditCompetitions(comps, { ...o, rng: seededRng(9) });
    expect(r1).toEqual(r2);
    expect(r1.map((c) => c.name)).toEqual(['a', 'b']);
    expect(r1[0]!.topK.meanGap).toBeCloseTo(0.05, 12);
    expect(r1[0]!.qValue).toBeCloseTo(Math.min(1, r1[0]!.pValue * 2), 12);
    expect(r1[0]!.flagged).toBe(true);
    expect(r1[1]!.flagged).toBe(false);
  });
});
