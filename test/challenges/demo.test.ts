import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';
import { DEMO_CHALLENGE, seedChallenges } from '../../src/demo/seed-challenges.js';
import { challengeEnv } from '../../src/challenges/challenge-env.js';
import { loadChallenge } from '../../src/challenges/load-challenge.js';
import { phaseLeaderboard } from '../../src/challenges/leaderboard.js';
import { makeLabels, seedDataset } from './fixture.js';

let t: TempWorkspace;
beforeEach(async () => {
  t = await tempWorkspace();
});
afterEach(() => t.cleanup());

describe('demo challenge seeding', () => {
  it('creates a standard and a Ladder phase with scored baselines, once', async () => {
    await seedDataset(t.ws, makeLabels(2000, 3), 'fm');
    const now = new Date('2026-11-28T10:00:00Z');
    expect(await seedChallenges(t.ws, 'missing', now)).toEqual({ created: false });
    expect(await seedChallenges(t.ws, 'fm', now)).toEqual({ created: true });
    expect(await seedChallenges(t.ws, 'fm', now)).toEqual({ created: false });
    const env = challengeEnv(t.ws, { now: () => now });
    const c = await loadChallenge(env, DEMO_CHALLENGE);
    expect(c.phases.map((p) => [p.name, p.mode, p.eta])).toEqual([['dev', 'standard', null], ['ladder', 'ladder', '0.01']]);
    const board = await phaseLeaderboard(env, c, c.phases[0]!, 'public', { isHost: false });
    expect(board.rows.map((r) => r.entry.label)).toEqual(['strong baseline (≈90%)', 'strong baseline, rerun (≈90%)', 'medium baseline (≈75%)', 'weak baseline (≈55%)']);
    expect(board.rows.every((r) => r.entry.baseline)).toBe(true);
    expect(board.rows.map((r) => r.tiedWithLeader)).toEqual([true, true, false, false]);
    expect(board.rows[0]!.value).toBeGreaterThan(0.85);
  });
});
