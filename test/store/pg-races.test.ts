import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspace, type Workspace } from '../../src/store/workspace.js';
import { challengeEnv } from '../../src/challenges/challenge-env.js';
import { loadChallenge } from '../../src/challenges/load-challenge.js';
import { submitPredictions } from '../../src/challenges/submit.js';
import { createTeam } from '../../src/challenges/teams.js';
import { scoreSubmission } from '../../src/challenges/score-submission.js';
import type { Store } from '../../src/store/store.js';
import { PG_URL, scratchPostgres, type ScratchDatabase } from '../helpers/store-backends.js';
import { seedEveryArea } from '../helpers/seed-store.js';
import { arena, config, predictions, T0 } from '../challenges/fixture.js';

/**
 * Several server instances on one PostgreSQL database, each with its own connection pool (as separate processes
 * would have): the concurrency-sensitive paths must hold across instances, not only within one.
 */
describe.skipIf(PG_URL === undefined)('races between server instances on one PostgreSQL database', () => {
  let dir: string;
  let pg: ScratchDatabase;
  let instances: Workspace[];
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'heldout-pg-races-'));
    pg = scratchPostgres();
    instances = [];
    for (let i = 0; i < 2; i++) instances.push(await openWorkspace(dir, { db: pg.url }));
  });
  afterEach(async () => {
    for (const ws of instances) await ws.close();
    await pg.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('accepts exactly the quota when 40 uploads of one team race over two instances (quota 5)', async () => {
    const quota = { phases: [{ name: 'dev', start: '2026-05-01T00:00:00Z', end: '2026-12-31T00:00:00Z', quota: { total: 5 } }] };
    const a = await arena(instances[0]!, { config: config(quota) });
    const envs = instances.map((ws) => challengeEnv(ws, { now: () => T0 }));
    const c = await loadChallenge(envs[0]!, 'fm-challenge');
    const ann = (await instances[0]!.store.findUser({ name: 'ann' }))!;
    await createTeam(envs[0]!, c, ann, 'alpha');
    const results = await Promise.allSettled(Array.from({ length: 40 }, async (_, i) => {
      const env = envs[i % 2]!;
      return submitPredictions(env, await loadChallenge(env, 'fm-challenge'), { user: ann, bytes: new TextEncoder().encode(predictions(a.labels, 0.6, 200 + i)), fileName: 'p.txt' });
    }));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as { status?: number }).every((e) => e.status === 429)).toBe(true);
    const subs = await instances[1]!.store.listSubmissions({ challengeId: c.row.id });
    expect(subs.filter((s) => s.charged === 1)).toHaveLength(5);

    // A submission waiting for scoring, its job run by both instances at once: one scores, the other skips.
    const bytes = new TextEncoder().encode(predictions(a.labels, 0.8, 51));
    const { sha256 } = await instances[0]!.blobs.put(bytes);
    const team = (await instances[0]!.store.teamOfUser(c.row.id, ann.id))!;
    const sub = await instances[0]!.store.insertSubmission({
      challenge_id: c.row.id, phase_id: c.phases[0]!.id, team_id: team.id, user_id: null, sha256, file_name: 'p.txt', bytes: bytes.length,
      format: 'ilsvrc', state: 'submitted', duplicate_of: null, charged: 0, is_baseline: 0, baseline_name: null, selected: 0, message: '',
      error: null, attempts: 0, created_at: T0.toISOString(), started_at: null, finished_at: null,
    });
    const outcomes = await Promise.all(envs.map((env) => scoreSubmission(env, sub.id)));
    expect(outcomes.sort()).toEqual(['finished', 'skipped']);
    expect((await instances[0]!.store.listScores({ submissionIds: [sub.id] })).map((s) => s.split).sort()).toEqual(['private', 'public']);
  });

  it('never leases a task beyond its slots, nor two leases to one worker, when claims race over two instances', async () => {
    const [s0, s1] = instances.map((ws) => ws.store) as [Store, Store];
    await seedEveryArea(s0); // project p: 5 tasks × 2 slots, 6 slots already held
    const project = (await s0.findCrowdProject('p'))!;
    const held = (await s0.crowdAssignments(project.id)).filter((x) => x.status === 'accepted' || x.status === 'submitted').length;
    const workers: Array<{ id: number }> = [];
    for (let w = 0; w < 12; w++) workers.push(await s0.createCrowdWorker({ name: `racer${w}`, kind: 'account', simulated: false }, T0));
    const now = new Date('2026-05-06T07:10:00Z');
    // Each worker claims twice at once, once per instance (two tabs on two servers behind a load balancer).
    const claims = await Promise.all(workers.flatMap((w) => [s0, s1].map((s) => s.claimCrowdTask({ projectId: project.id, workerId: w.id, now, leaseMs: 600_000 }))));
    const slots = await s1.crowdTaskSlots(project.id, now);
    expect(slots.every((t) => t.valid + t.leased <= t.maxAssignments)).toBe(true);
    const fresh = claims.filter((c) => c && !c.resumed);
    expect(fresh).toHaveLength(5 * 2 - held);
    const leases = (await s1.crowdAssignments(project.id)).filter((x) => x.status === 'accepted' && x.worker_id >= workers[0]!.id);
    expect(new Set(leases.map((x) => x.worker_id)).size).toBe(leases.length);

    // The same lease submitted on both instances at once: exactly one submit counts, its votes stored once.
    const lease = leases[0]!;
    const ids = await s0.crowdTaskPublicIds(lease.task_id);
    const submits = await Promise.all([s0, s1].map((s) => s.submitCrowdAssignment({ assignmentId: lease.id, workerId: lease.worker_id, selected: ids.slice(0, 2), durationMs: 10, now })));
    expect(submits.map((x) => x.kind).sort()).toEqual(['already-submitted', 'submitted']);
    const votes = await s1.crowdVotes(project.id, { workerId: lease.worker_id });
    expect(votes.assignmentId.length).toBe(2);
  });
});
