import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { STORE_BACKENDS } from '../helpers/store-backends.js';
import { ClassSet } from '../../src/classes/class-set.js';

const NOW = new Date('2026-03-04T10:00:00Z');
const LATER = new Date('2026-03-05T10:00:00Z');
const classes = ClassSet.fromWnids('t', ['n02084071', 'n01443537']).entries;

async function seedChallenge(store: Store) {
  const d = await store.createDataset({ name: 'd', description: '', classSet: 'file', classes }, NOW);
  const s = await store.createSplit(d.id, { name: 'test', labelsHidden: true, sourceLayout: 'x', sourcePath: 'x' }, NOW);
  const host = await store.createUser({ name: 'hana', role: 'host', passwordHash: null }, NOW);
  const challenge = await store.createChallenge({
    name: 'c1', title: 'C one', configJson: '{}', datasetId: d.id, splitId: s.id, hostIds: [host.id],
    labelSet: { labelHash: 'a'.repeat(64), n: 4, source: 'dataset' },
    phases: [
      { name: 'dev', position: 0, starts_at: NOW.toISOString(), ends_at: LATER.toISOString(), mode: 'standard', eta: null, quota_per_day: 2, quota_total: 5, quota_concurrent: 1, assignment: 'PPRR' },
      { name: 'final', position: 1, starts_at: NOW.toISOString(), ends_at: LATER.toISOString(), mode: 'ladder', eta: '0.01', quota_per_day: null, quota_total: null, quota_concurrent: null, assignment: 'PRPR' },
    ],
  }, NOW);
  return { challenge, host, phases: await store.listPhases(challenge.id) };
}

const submission = (challengeId: number, phaseId: number, teamId: number | null, over: Record<string, unknown> = {}) => ({
  challenge_id: challengeId, phase_id: phaseId, team_id: teamId, user_id: null, sha256: 'b'.repeat(64), file_name: 'p.txt', bytes: 10,
  format: 'ilsvrc', state: 'submitted' as const, duplicate_of: null, charged: 1, is_baseline: 0, baseline_name: null, selected: 0,
  message: '', error: null, attempts: 0, created_at: NOW.toISOString(), started_at: null, finished_at: null, ...over,
});

// One suite, every backend: SQLite always, PostgreSQL when HELDOUT_PG_URL is set.
for (const backend of STORE_BACKENDS) describe.skipIf(!backend.available)(`challenge store (${backend.name})`, () => {
  const { open } = backend;
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'heldout-challenge-store-'));
    store = await open(dir);
  });
  afterEach(async () => {
    await store.close();
    await backend.destroy(dir);
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps users unique and finds them by token hash and live session only', async () => {
    const u = await store.createUser({ name: 'ann', role: 'participant', passwordHash: 'scrypt$x' }, NOW);
    await expect(store.createUser({ name: 'ann', role: 'host', passwordHash: null }, NOW)).rejects.toThrow();
    await store.addApiToken(u.id, 'f'.repeat(64), 'cli', NOW);
    expect((await store.userByTokenHash('f'.repeat(64), LATER))?.name).toBe('ann');
    expect(await store.userByTokenHash('e'.repeat(64), LATER)).toBeUndefined();
    await store.createSession({ idHash: 's1', userId: u.id, csrfToken: 'tok', expiresAt: LATER }, NOW);
    expect((await store.findSession('s1', NOW))?.user.name).toBe('ann');
    expect(await store.findSession('s1', new Date(LATER.getTime() + 1))).toBeUndefined();
    await store.deleteSession('s1');
    expect(await store.findSession('s1', NOW)).toBeUndefined();
  });

  it('creates a challenge with hosts, a label set and ordered phases; closes a phase once', async () => {
    const { challenge, host, phases } = await seedChallenge(store);
    expect(challenge.revision).toBe(1);
    expect(await store.challengeHostIds(challenge.id)).toEqual([host.id]);
    expect(phases.map((p) => [p.name, p.mode, p.assignment])).toEqual([['dev', 'standard', 'PPRR'], ['final', 'ladder', 'PRPR']]);
    expect((await store.labelSet(challenge.id, 1))?.n).toBe(4);
    await store.closePhase(phases[0]!.id, NOW);
    await store.closePhase(phases[0]!.id, LATER);
    expect((await store.findPhase(phases[0]!.id))?.closed_at).toBe(NOW.toISOString());
    await store.addLabelSet({ challenge_id: challenge.id, revision: 2, label_hash: 'c'.repeat(64), n: 4, source: 'fix.txt', created_at: LATER.toISOString() });
    expect((await store.findChallenge({ name: 'c1' }))?.revision).toBe(2);
  });

  it('allows one team per user per challenge', async () => {
    const { challenge } = await seedChallenge(store);
    const u = await store.createUser({ name: 'bo', role: 'participant', passwordHash: null }, NOW);
    const a = await store.createTeam({ challengeId: challenge.id, name: 'A', inviteCode: 'code-a' }, NOW);
    const b = await store.createTeam({ challengeId: challenge.id, name: 'B', inviteCode: 'code-b' }, NOW);
    await store.addTeamMember(a.id, challenge.id, u.id, NOW);
    await expect(store.addTeamMember(b.id, challenge.id, u.id, NOW)).rejects.toThrow();
    await expect(store.createTeam({ challengeId: challenge.id, name: 'A', inviteCode: 'code-c' }, NOW)).rejects.toThrow();
    expect((await store.teamOfUser(challenge.id, u.id))?.name).toBe('A');
    expect((await store.findTeam({ challengeId: challenge.id, inviteCode: 'code-b' }))?.name).toBe('B');
    expect((await store.teamMembers(a.id)).map((m) => m.name)).toEqual(['bo']);
  });

  it('counts only charged submissions for quotas, by day, total and pending', async () => {
    const { challenge, phases } = await seedChallenge(store);
    const team = await store.createTeam({ challengeId: challenge.id, name: 'A', inviteCode: 'x' }, NOW);
    const dev = phases[0]!.id;
    await store.insertSubmission(submission(challenge.id, dev, team.id, { created_at: '2026-03-03T23:00:00.000Z', state: 'finished' }));
    await store.insertSubmission(submission(challenge.id, dev, team.id));
    await store.insertSubmission(submission(challenge.id, dev, team.id, { charged: 0, state: 'failed' }));
    await store.insertSubmission(submission(challenge.id, phases[1]!.id, team.id));
    await store.lockTeam(team.id);
    expect(await store.submissionCounts(team.id, dev, new Date('2026-03-04T00:00:00Z'))).toEqual({ today: 1, total: 2, pending: 1 });
    expect((await store.findSubmissionByHash(team.id, dev, 'b'.repeat(64)))?.state).toBe('finished');
    expect(await store.countSubmissionsWithHash('b'.repeat(64))).toBe(4);
    expect(await store.countSubmissionsWithHash('c'.repeat(64))).toBe(0);
  });

  it('moves a submission only from the states given (no revival of a finished one)', async () => {
    const { challenge, phases } = await seedChallenge(store);
    const s = await store.insertSubmission(submission(challenge.id, phases[0]!.id, null, { state: 'finished' }));
    expect(await store.updateSubmissionIf(s.id, ['submitted', 'running'], { state: 'running' })).toBe(false);
    expect((await store.findSubmission(s.id))?.state).toBe('finished');
    expect(await store.updateSubmissionIf(s.id, ['finished'], { selected: 1 })).toBe(true);
    await store.setSelections(0, phases[0]!.id, []);
    expect((await store.findSubmission(s.id))?.selected).toBe(1);
  });

  it('stores one score per submission, split and revision, and hides bits unless asked', async () => {
    const { challenge, phases } = await seedChallenge(store);
    const s = await store.insertSubmission(submission(challenge.id, phases[0]!.id, null, { is_baseline: 1, baseline_name: 'b0' }));
    const score = {
      submission_id: s.id, split: 'public', revision: 1, scorer_version: 'v', k: 1, correct: 1, n: 2, accuracy: 0.5, ci_lower: 0.01, ci_upper: 0.99,
      label_hash: 'a'.repeat(64), submission_hash: s.sha256, git_revision: 'g', correct_bits: 'AQ==', per_class_json: null, created_at: NOW.toISOString(),
    };
    await store.insertScores([score]);
    await expect(store.insertScores([score])).rejects.toThrow();
    const [plain] = await store.listScores({ phaseId: phases[0]!.id, split: 'public', revision: 1 });
    expect(plain).not.toHaveProperty('correct_bits');
    expect((await store.listScores({ submissionIds: [s.id], withBits: true }))[0]?.correct_bits).toBe('AQ==');
    expect(await store.listScores({ submissionIds: [] })).toEqual([]);
  });

  it('upserts Ladder state and records releases', async () => {
    const { challenge, phases } = await seedChallenge(store);
    const team = await store.createTeam({ challengeId: challenge.id, name: 'A', inviteCode: 'x' }, NOW);
    const s = await store.insertSubmission(submission(challenge.id, phases[1]!.id, team.id));
    const state = { phase_id: phases[1]!.id, team_id: team.id, rounds: 1, steps: '31', released_errors: null, leader_submission_id: null, updated_at: NOW.toISOString() };
    await store.putLadderState(state);
    await store.putLadderState({ ...state, rounds: 2, steps: '29' });
    expect(await store.ladderState(phases[1]!.id, team.id)).toMatchObject({ rounds: 2, steps: '29' });
    await store.addLadderRelease({ submission_id: s.id, round: 1, accepted: 1, released: 0.31, n: 2, created_at: NOW.toISOString() });
    expect((await store.ladderReleases([s.id]))[0]?.released).toBe(0.31);
  });

  it('rolls a failed submission transaction back completely', async () => {
    const { challenge, phases } = await seedChallenge(store);
    const team = await store.createTeam({ challengeId: challenge.id, name: 'A', inviteCode: 'x' }, NOW);
    const before = await store.tableCounts();
    await expect(store.transaction(async (tx) => {
      await tx.lockTeam(team.id);
      await tx.insertSubmission(submission(challenge.id, phases[0]!.id, team.id));
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(await store.tableCounts()).toEqual(before);
  });
});
