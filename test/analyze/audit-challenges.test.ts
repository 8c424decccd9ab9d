import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closePhase } from '../../src/challenges/host-actions.js';
import { loadChallenge } from '../../src/challenges/load-challenge.js';
import { submitPredictions } from '../../src/challenges/submit.js';
import { createTeam } from '../../src/challenges/teams.js';
import { runHeldout } from '../helpers/run-heldout.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';
import { arena, predictions } from '../challenges/fixture.js';

let t: TempWorkspace;
beforeEach(async () => {
  t = await tempWorkspace();
});
afterEach(() => t.cleanup());

interface AuditJson { competitions: Array<{ name: string; submissions: number; teams: number; test: string; topK: { k: number; ciMethod: string; ci: number[] }; top: Array<{ ci?: number[]; pValue?: number }> }>; notes: string[] }

describe('heldout audit challenges', () => {
  it('audits closed phases with binomial statistics from the stored counts; open phases only with --all-phases', async () => {
    const a = await arena(t.ws, { n: 400 });
    let c = await loadChallenge(a.env, 'fm-challenge');
    for (const [name, who] of [['alpha', 'ann'], ['beta', 'bob']] as const) await createTeam(a.env, c, (await t.ws.store.findUser({ name: who }))!, name);
    const bytes = (s: string) => new TextEncoder().encode(s);
    for (const [who, acc, seed] of [['ann', 0.9, 1], ['ann', 0.6, 2], ['bob', 0.75, 3]] as const) {
      await submitPredictions(a.env, c, { user: (await t.ws.store.findUser({ name: who }))!, bytes: bytes(predictions(a.labels, acc, seed)), fileName: 'p.txt' });
    }
    const open = await runHeldout(t.dataDir, 'audit', 'challenges');
    expect(open.code).toBe(1);
    expect(open.err).toMatch(/1 open phase\(s\) skipped; pass --all-phases/);
    expect((await runHeldout(t.dataDir, 'audit', 'challenges', '--all-phases', '--format', 'json')).code).toBe(0);

    c = await loadChallenge(a.env, 'fm-challenge');
    await closePhase(a.env, c);
    const r = await runHeldout(t.dataDir, 'audit', 'challenges', 'fm-challenge', '--top', '0.5', '--format', 'json', '--bootstrap', '300');
    expect(r.err).toBe('');
    const j = JSON.parse(r.out) as AuditJson;
    expect(j.competitions).toHaveLength(1);
    expect(j.competitions[0]).toMatchObject({ name: 'fm-challenge/dev', submissions: 3, teams: 2, test: 'z-conservative', topK: { k: 2, ciMethod: 'binomial-reselect' } });
    expect(j.competitions[0]!.top[0]!.ci).toHaveLength(2);
    expect((await runHeldout(t.dataDir, 'audit', 'challenges', 'nope')).err).toMatch(/no challenge named "nope"/);
  });
});
