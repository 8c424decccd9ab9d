import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';
import { arena, config, CLASSES, predictions, T0, type Arena } from './fixture.js';
import { loadChallenge, isHostOf } from '../../src/challenges/load-challenge.js';
import { submitPredictions } from '../../src/challenges/submit.js';
import { createTeam, joinTeam } from '../../src/challenges/teams.js';
import { phaseLeaderboard } from '../../src/challenges/leaderboard.js';
import { viewerOf } from '../../src/challenges/viewer.js';
import { submissionView, selectFinal } from '../../src/challenges/submission-view.js';
import { closePhase, rescoreChallenge } from '../../src/challenges/host-actions.js';
import { phaseAudit } from '../../src/challenges/phase-audit.js';
import { scoreSubmission } from '../../src/challenges/score-submission.js';
import { parseChallengeConfig } from '../../src/challenges/config/challenge-config.js';
import { createInProcessQueue } from '../../src/jobs/in-process-queue.js';
import type { UserRow } from '../../src/store/store.js';

let t: TempWorkspace;
beforeEach(async () => {
  t = await tempWorkspace();
});
afterEach(() => t.cleanup());

const bytes = (s: string) => new TextEncoder().encode(s);
const user = async (a: Arena, name: string) => (await a.env.ws.store.findUser({ name }))!;

async function teamUp(a: Arena, members: Record<string, string[]>) {
  const c = await loadChallenge(a.env, 'fm-challenge');
  for (const [team, names] of Object.entries(members)) {
    const created = await createTeam(a.env, c, await user(a, names[0]!), team);
    for (const n of names.slice(1)) await joinTeam(a.env, c, await user(a, n), created.invite_code);
  }
  return c;
}

async function submit(a: Arena, who: string, text: string, extra: { phase?: string; fileName?: string } = {}) {
  const c = await loadChallenge(a.env, 'fm-challenge');
  return submitPredictions(a.env, c, { user: await user(a, who), bytes: bytes(text), fileName: extra.fileName ?? 'preds.txt', ...(extra.phase ? { phase: extra.phase } : {}) });
}

describe('challenge config', () => {
  it('reads YAML and names the first bad field', () => {
    const c = parseChallengeConfig('version: 1\nname: x\ntitle: X\ndataset: d\nsplit: s\nmetric: top5-error\nphases:\n  - name: p\n    start: 2026-01-01T00:00:00Z\n    end: 2026-02-01T00:00:00Z\n    leaderboard: ladder(0.01)\n', 'c.yaml');
    expect(c.phases[0]!.leaderboard).toEqual({ kind: 'ladder', eta: '0.01' });
    expect(c.maxUploadBytes).toBe(200_000_000);
    expect(() => parseChallengeConfig('version: 1\nname: x\ntitle: X\ndataset: d\nsplit: s\nmetric: top5-error\nphases:\n  - name: p\n    start: 2026-02-01T00:00:00Z\n    end: 2026-01-01T00:00:00Z\n', 'c.yaml'))
      .toThrow('c.yaml: phases.0.end: end must be after start');
    expect(() => parseChallengeConfig('version: 2', 'c.yaml')).toThrow(/c.yaml: version/);
    expect(() => parseChallengeConfig('{', 'c.json')).toThrow(/not valid YAML or JSON/);
  });
});

describe('challenge services', () => {
  it('creates a challenge: hides the split, draws a seeded split, keeps labels out of reach', async () => {
    const a = await arena(t.ws);
    const c = await loadChallenge(a.env, 'fm-challenge');
    const split = await t.ws.store.findSplit(c.row.dataset_id, 'test');
    expect(split?.labels_hidden).toBe(1);
    expect(c.phases[0]!.assignment.split('').filter((x) => x === 'P')).toHaveLength(100);
    const set = (await t.ws.store.labelSet(c.row.id, 1))!;
    expect(await t.ws.blobs.has(set.label_hash)).toBe(true);
    expect(await t.ws.store.findImage(set.label_hash)).toBeUndefined();
    expect(isHostOf(await user(a, 'hana'), c)).toBe(true);
    expect(isHostOf(await user(a, 'ann'), c)).toBe(false);
  });

  it('takes a phase split from a Kaggle-style Usage column', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => `${String(i).padStart(5, '0')},${i < 50 ? 'Public' : i < 190 ? 'Private' : 'Ignored'}`);
    const a = await arena(t.ws, {
      config: config({ phases: [{ name: 'dev', start: '2026-05-01T00:00:00Z', end: '2026-12-31T00:00:00Z', splits: { usage: 'solution.csv' } }] }),
      files: { 'solution.csv': `Id,Usage\n${rows.join('\n')}\n` },
    });
    const c = await loadChallenge(a.env, 'fm-challenge');
    expect(c.phases[0]!.assignment).toBe(`${'P'.repeat(50)}${'R'.repeat(140)}${'I'.repeat(10)}`);
    await teamUp(a, { alpha: ['ann'] });
    const r = await submit(a, 'ann', predictions(a.labels, 0.7, 3));
    expect((await t.ws.store.listScores({ submissionIds: [r.submission.id] })).map((s) => [s.split, s.n])).toEqual([['public', 50], ['private', 140]]);
  });

  it('scores a submission on both boards with an interval and full provenance', async () => {
    const a = await arena(t.ws);
    await teamUp(a, { alpha: ['ann'] });
    const r = await submit(a, 'ann', predictions(a.labels, 0.8, 1));
    expect(r.submission.state).toBe('finished');
    const scores = await t.ws.store.listScores({ submissionIds: [r.submission.id] });
    expect(scores.map((s) => s.split).sort()).toEqual(['private', 'public']);
    expect(scores.reduce((s, x) => s + x.n, 0)).toBe(200);
    for (const s of scores) {
      expect(s.ci_lower).toBeLessThan(s.accuracy);
      expect(s.ci_upper).toBeGreaterThan(s.accuracy);
      expect(s).toMatchObject({ revision: 1, scorer_version: 'heldout-challenge-scorer/1', submission_hash: r.submission.sha256, k: 1 });
      expect(s.label_hash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('flags an identical re-upload as a duplicate and does not charge it', async () => {
    const a = await arena(t.ws);
    const c = await teamUp(a, { alpha: ['ann'] });
    const text = predictions(a.labels, 0.7, 2);
    const first = await submit(a, 'ann', text);
    const again = await submit(a, 'ann', text);
    expect(again.duplicate).toBe(true);
    expect(again.submission).toMatchObject({ charged: 0, duplicate_of: first.submission.id });
    const view = await submissionView(a.env, c, again.submission, await viewerOf(a.env, c, await user(a, 'ann')));
    expect(view.status).toBe('finished');
    expect(view.scores.public?.n).toBe(100);
  });

  it('refuses a malformed file with its first bad line and stores nothing', async () => {
    const a = await arena(t.ws);
    await teamUp(a, { alpha: ['ann'] });
    const before = await t.ws.store.tableCounts();
    const blobs = await t.ws.blobs.count();
    const lines = predictions(a.labels, 0.7, 2).split('\n');
    lines[6] = '3 banana';
    await expect(submit(a, 'ann', lines.join('\n'))).rejects.toThrow('preds.txt:7: "banana" is not a devkit ID (an integer 1..10)');
    await expect(submit(a, 'ann', '1\n2\n')).rejects.toThrow('preds.txt has 2 rows but the challenge image list has 200 labels');
    await expect(submit(a, 'ann', 'image_id,pred1\n00000,1\n', { fileName: 'p.csv' })).rejects.toThrow(/p.csv has no prediction for 199 labelled image/);
    expect(await t.ws.store.tableCounts()).toEqual(before);
    expect(await t.ws.blobs.count()).toBe(blobs);
  });

  it('enforces the daily quota and does not charge failed scoring', async () => {
    const a = await arena(t.ws, { config: config({ phases: [{ name: 'dev', start: '2026-05-01T00:00:00Z', end: '2026-12-31T00:00:00Z', quota: { perDay: 2 } }] }) });
    await teamUp(a, { alpha: ['ann'] });
    await submit(a, 'ann', predictions(a.labels, 0.5, 1));
    const second = await submit(a, 'ann', predictions(a.labels, 0.5, 2));
    await expect(submit(a, 'ann', predictions(a.labels, 0.5, 3))).rejects.toMatchObject({ status: 429, message: expect.stringContaining('daily quota reached: 2 of 2') });
    // A scoring failure (here: the stored bytes vanished) uncharges the submission, freeing its quota slot.
    await t.ws.store.updateSubmission(second.submission.id, { state: 'submitted' });
    await t.ws.blobs.delete(second.submission.sha256);
    expect(await scoreSubmission(a.env, second.submission.id)).toBe('failed');
    expect(await t.ws.store.findSubmission(second.submission.id)).toMatchObject({ state: 'failed', charged: 0 });
    await submit(a, 'ann', predictions(a.labels, 0.5, 4));
    a.clock = new Date(T0.getTime() + 24 * 3600 * 1000);
    await submit(a, 'ann', predictions(a.labels, 0.5, 5));
  });

  it('accepts exactly the quota when 50 uploads race (quota 5)', async () => {
    const jobs = createInProcessQueue();
    const a = await arena(t.ws, { jobs, config: config({ phases: [{ name: 'dev', start: '2026-05-01T00:00:00Z', end: '2026-12-31T00:00:00Z', quota: { total: 5 } }] }) });
    const { registerScoring } = await import('../../src/challenges/scoring-queue.js');
    registerScoring(a.env);
    await teamUp(a, { alpha: ['ann', 'bob'] });
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => submit(a, i % 2 ? 'ann' : 'bob', predictions(a.labels, 0.6, 100 + i))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason.status === 429)).toBe(true);
    await jobs.close();
    const subs = await t.ws.store.listSubmissions({});
    expect(subs.filter((s) => s.team_id !== null)).toHaveLength(5);
    expect(subs.filter((s) => s.state === 'finished' && s.team_id !== null)).toHaveLength(5);
  });

  it('two runs of the same scoring job at once store one score per board and keep the charge', async () => {
    const a = await arena(t.ws);
    await teamUp(a, { alpha: ['ann'] });
    const c = await loadChallenge(a.env, 'fm-challenge');
    const team = (await t.ws.store.teamOfUser(c.row.id, (await user(a, 'ann')).id))!;
    const bytes = new TextEncoder().encode(predictions(a.labels, 0.8, 51));
    const { sha256 } = await t.ws.blobs.put(bytes);
    // A submission waiting to be scored, whose job was queued twice (a requeue racing the original).
    const sub = await t.ws.store.insertSubmission({
      challenge_id: c.row.id, phase_id: c.phases[0]!.id, team_id: team.id, user_id: null, sha256, file_name: 'p.txt', bytes: bytes.length,
      format: 'ilsvrc', state: 'submitted', duplicate_of: null, charged: 1, is_baseline: 0, baseline_name: null, selected: 0, message: '',
      error: null, attempts: 0, created_at: T0.toISOString(), started_at: null, finished_at: null,
    });
    const results = await Promise.all([scoreSubmission(a.env, sub.id), scoreSubmission(a.env, sub.id)]);
    expect(results.sort()).toEqual(['finished', 'skipped']);
    expect(await t.ws.store.findSubmission(sub.id)).toMatchObject({ state: 'finished', charged: 1 });
    expect(await t.ws.store.listScores({ submissionIds: [sub.id] })).toHaveLength(2);
  });

  it('teams: one per user per challenge, size limit, invite codes, hosts excluded', async () => {
    const a = await arena(t.ws, { config: config({ teamSizeLimit: 2 }) });
    const c = await loadChallenge(a.env, 'fm-challenge');
    const team = await createTeam(a.env, c, await user(a, 'ann'), 'alpha');
    await expect(createTeam(a.env, c, await user(a, 'ann'), 'beta')).rejects.toMatchObject({ status: 409 });
    await joinTeam(a.env, c, await user(a, 'bob'), team.invite_code);
    await expect(joinTeam(a.env, c, await user(a, 'cat'), team.invite_code)).rejects.toThrow('team alpha is full (2 members at most)');
    await expect(joinTeam(a.env, c, await user(a, 'cat'), 'nope')).rejects.toMatchObject({ status: 404 });
    await expect(createTeam(a.env, c, await user(a, 'hana'), 'hosts')).rejects.toMatchObject({ status: 403 });
    await expect(createTeam(a.env, c, await user(a, 'cat'), '<script>')).rejects.toMatchObject({ status: 400 });
    await expect(submit(a, 'dan', predictions(a.labels, 0.5, 1))).rejects.toMatchObject({ status: 403 });
  });

  it('ranks teams with intervals and ties the indistinguishable ones with the leader', async () => {
    const a = await arena(t.ws, { n: 2000 });
    const c = await teamUp(a, { alpha: ['ann'], beta: ['bob'], gamma: ['cat'] });
    await submit(a, 'ann', predictions(a.labels, 0.80, 11));
    await submit(a, 'ann', predictions(a.labels, 0.60, 12));
    await submit(a, 'bob', predictions(a.labels, 0.79, 13));
    await submit(a, 'cat', predictions(a.labels, 0.40, 14));
    const board = await phaseLeaderboard(a.env, c, c.phases[0]!, 'public', await viewerOf(a.env, c, undefined));
    expect(board.rows.map((r) => r.entry.label)).toEqual(['alpha', 'beta', 'gamma']);
    expect(board.rows.map((r) => r.tiedWithLeader)).toEqual([true, true, false]);
    for (const r of board.rows) expect(r.ci[0]).toBeLessThan(r.value);
    expect(board.rows[0]!.entry.n).toBe(1000);
    expect(board.leaderOverTime.map((p) => p.label)).toEqual(['alpha']);
  });

  it('hides the private board until close, then ranks final selections', async () => {
    const a = await arena(t.ws, { n: 400 });
    const c = await teamUp(a, { alpha: ['ann'], beta: ['bob'] });
    const anon = await viewerOf(a.env, c, undefined);
    const s1 = await submit(a, 'ann', predictions(a.labels, 0.9, 21));
    await submit(a, 'ann', predictions(a.labels, 0.5, 22));
    await submit(a, 'bob', predictions(a.labels, 0.7, 23));
    await expect(phaseLeaderboard(a.env, c, c.phases[0]!, 'private', anon)).rejects.toMatchObject({ status: 403 });
    const annView = await viewerOf(a.env, c, await user(a, 'ann'));
    const own = await submissionView(a.env, c, s1.submission, annView, { perClass: true });
    expect(own.scores.private).toBeUndefined();
    expect(own.perClass?.public?.length).toBe(CLASSES.size);
    await expect(submissionView(a.env, c, s1.submission, await viewerOf(a.env, c, await user(a, 'bob')))).rejects.toMatchObject({ status: 404 });
    await expect(selectFinal(a.env, c, annView, c.phases[0]!, [1, 2, 3])).rejects.toMatchObject({ status: 400 });
    await selectFinal(a.env, c, annView, c.phases[0]!, [s1.submission.id]);
    await closePhase(a.env, c);
    const closed = await loadChallenge(a.env, 'fm-challenge');
    await expect(submit(a, 'bob', predictions(a.labels, 0.7, 24))).rejects.toMatchObject({ status: 409 });
    const priv = await phaseLeaderboard(a.env, closed, closed.phases[0]!, 'private', anon);
    expect(priv.rows.map((r) => [r.entry.label, r.entry.submissionId])).toEqual([['alpha', s1.submission.id], ['beta', 3]]);
    const audit = await phaseAudit(a.env, closed, closed.phases[0]!, await viewerOf(a.env, closed, await user(a, 'hana')), 200);
    expect(audit.rows).toHaveLength(3);
    expect(audit.spend).toMatchObject({ submissions: 3, teams: 2 });
    expect(audit.topK?.k).toBe(1);
    await expect(phaseAudit(a.env, closed, closed.phases[0]!, annView)).rejects.toMatchObject({ status: 403 });
  });

  it('shows only Ladder releases in a Ladder phase', async () => {
    const a = await arena(t.ws, { n: 1000, config: config({ phases: [{ name: 'dev', start: '2026-05-01T00:00:00Z', end: '2026-12-31T00:00:00Z', leaderboard: 'ladder(0.05)', splits: { public: 0.5, seed: 3 } }] }) });
    const c = await teamUp(a, { alpha: ['ann'] });
    const annView = await viewerOf(a.env, c, await user(a, 'ann'));
    const r1 = await submit(a, 'ann', predictions(a.labels, 0.60, 31));
    const r2 = await submit(a, 'ann', predictions(a.labels, 0.62, 32));
    const r3 = await submit(a, 'ann', predictions(a.labels, 0.80, 33));
    const views = await Promise.all([r1, r2, r3].map((r) => submissionView(a.env, c, r.submission, annView, { perClass: true })));
    const released = views.map((v) => v.scores.public!);
    expect(released.map((s) => s.ladder?.accepted)).toEqual([true, false, true]);
    expect(released[1]!.value).toBe(released[0]!.value);
    for (const s of released) expect(Math.round(s.accuracy * 20) / 20).toBeCloseTo(s.accuracy, 9); // multiples of η
    expect(views[0]!.perClass).toBeUndefined();
    const board = await phaseLeaderboard(a.env, c, c.phases[0]!, 'public', annView);
    expect(board.released).toBe(true);
    expect(board.ties).toBe(false);
    expect(board.rows[0]!.accuracy).toBe(released[2]!.accuracy);
  });

  it('rescoring after a label fix adds a revision and keeps the old scores', async () => {
    const a = await arena(t.ws);
    const c = await teamUp(a, { alpha: ['ann'] });
    const r = await submit(a, 'ann', predictions(a.labels, 0.8, 41));
    const fixed = Array.from(a.labels, (y, i) => (i < 20 ? (y + 1) % CLASSES.size : y)).map((y) => CLASSES.byIndex(y).devkitId).join('\n');
    await mkdir(t.scratch, { recursive: true });
    const file = path.join(t.scratch, 'fixed.txt');
    await writeFile(file, `${fixed}\n`);
    const out = await rescoreChallenge(a.env, c.row.name, file);
    expect(out).toEqual({ revision: 2, rescored: 1, failed: 0, ladders: [] });
    const all = await t.ws.store.listScores({ submissionIds: [r.submission.id] });
    expect(all.map((s) => s.revision).sort()).toEqual([1, 1, 2, 2]);
    expect(new Set(all.map((s) => s.label_hash)).size).toBe(2);
    await expect(rescoreChallenge(a.env, c.row.name, file)).rejects.toThrow(/unchanged/);
  });

  it('rescoring replays a Ladder phase in submission order under the new labels', async () => {
    const a = await arena(t.ws, { n: 1000, config: config({ phases: [{ name: 'dev', start: '2026-05-01T00:00:00Z', end: '2026-12-31T00:00:00Z', leaderboard: 'ladder(0.05)', splits: { public: 0.5, seed: 3 } }] }) });
    const c = await teamUp(a, { alpha: ['ann'], beta: ['cat'] });
    const annView = await viewerOf(a.env, c, await user(a, 'ann'));
    const files = [predictions(a.labels, 0.60, 31), predictions(a.labels, 0.62, 32), predictions(a.labels, 0.80, 33)];
    const subs = [];
    for (const f of files) subs.push((await submit(a, 'ann', f)).submission);
    await submit(a, 'cat', predictions(a.labels, 0.7, 34));
    const accepted = async (ids: readonly number[]) => (await t.ws.store.ladderReleases(ids)).map((r) => r.accepted === 1);
    expect(await accepted(subs.map((s) => s.id))).toEqual([true, false, true]);
    // The fixed labels are the second file's first guesses: under them it is perfect and the third is not.
    const fixed = files[1]!.trim().split('\n').map((line) => line.split(' ')[0]).join('\n');
    await mkdir(t.scratch, { recursive: true });
    const file = path.join(t.scratch, 'ladder-fixed.txt');
    await writeFile(file, `${fixed}\n`);
    const out = await rescoreChallenge(a.env, c.row.name, file);
    expect(out.ladders).toEqual([{ phase: 'dev', teams: 2, rounds: 4, accepted: 3 }]);
    const releases = await t.ws.store.ladderReleases(subs.map((s) => s.id));
    expect(releases.map((r) => [r.round, r.accepted === 1])).toEqual([[1, true], [2, true], [3, false]]);
    expect(releases[1]!.released).toBe(0);
    expect(releases[2]!.released).toBe(0); // a rejected round repeats the last release
    const state = await t.ws.store.ladderState(c.phases[0]!.id, (await t.ws.store.teamOfUser(c.row.id, (await user(a, 'ann')).id))!.id);
    expect(state?.rounds).toBe(3);
    const fresh = await loadChallenge(a.env, c.row.name);
    const board = await phaseLeaderboard(a.env, fresh, fresh.phases[0]!, 'public', annView);
    expect(board.rows[0]!.accuracy).toBe(1);
    expect(board.rows[0]!.entry.submissionId).toBe(subs[1]!.id);
    const view = await submissionView(a.env, fresh, subs[2]!, annView);
    expect(view.scores.public?.ladder).toEqual({ round: 3, accepted: false });
    // A submission after the rescore continues the replayed Ladder.
    const next = (await submit(a, 'ann', predictions(a.labels, 0.9, 35))).submission;
    expect((await t.ws.store.ladderReleases([next.id]))[0]).toMatchObject({ round: 4, accepted: 0 });
  });

  it('refuses a challenge whose baseline file is malformed, leaving nothing behind', async () => {
    const { tempWorkspace: fresh } = await import('../helpers/temp-workspace.js');
    const t2 = await fresh();
    try {
      const before = await t2.ws.blobs.count();
      await expect(arena(t2.ws, { config: config({ baselines: [{ name: 'b', file: 'b.txt' }] }), files: { 'b.txt': '1\n' } })).rejects.toThrow(/b.txt has 1 rows/);
      expect(await t2.ws.store.findChallenge({ name: 'fm-challenge' })).toBeUndefined();
      expect(await t2.ws.blobs.count()).toBe(before);
    } finally {
      await t2.cleanup();
    }
  });
});

export type { UserRow };
