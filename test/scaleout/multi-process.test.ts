import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../src/store/workspace.js';
import { arena, config, predictions } from '../challenges/fixture.js';
import { fileForm } from '../challenges/server-fixture.js';
import { PG_URL, scratchPostgres, type ScratchDatabase } from '../helpers/store-backends.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';
import { dropPrefix, freshPrefix, REDIS_URL } from '../jobs/redis-env.js';
import { startHeldout, type Proc } from './processes.js';

// Two `heldout serve` processes and two `heldout worker` processes on one PostgreSQL store (a fresh schema) and one
// Redis (a fresh key prefix), sharing the blob folder: concurrent uploads to both servers never overrun a team's
// quota, and every accepted submission is scored exactly once (one score per board, one attempt).

const QUOTA = 5;
let t: TempWorkspace;
let db: ScratchDatabase;
let labels: Int32Array;
let tokens: Record<string, string> = {};
const prefix = freshPrefix();
const procs: Proc[] = [];

describe.skipIf(!PG_URL || !REDIS_URL)('two servers and two workers on PostgreSQL + Redis', () => {
  beforeAll(async () => {
    t = await tempWorkspace();
    await t.ws.close();
    db = scratchPostgres();
    const ws = await openWorkspace(t.dataDir, { db: db.url });
    const a = await arena(ws, { n: 2000, config: config({ phases: [{ name: 'dev', start: '2020-01-01T00:00:00Z', end: '2100-01-01T00:00:00Z', quota: { perDay: QUOTA }, splits: { public: 0.5, seed: 3 } }] }) });
    labels = a.labels;
    tokens = a.tokens;
    await ws.close();
  }, 120_000);
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.kill('SIGKILL')));
    await dropPrefix(REDIS_URL!, prefix);
    await db?.drop();
    await t?.cleanup();
  });

  it('no quota overrun and every submission scored once', async () => {
    const common = ['--data-dir', t.dataDir, '--db', db.url];
    const redis = ['--redis', REDIS_URL!, '--redis-prefix', prefix];
    const servers = [0, 1].map(() => startHeldout([...common, 'serve', '--port', '0', ...redis]));
    const workers = [0, 1].map(() => startHeldout([...common, 'worker', ...redis, '--queues', 'scoring', '--concurrency', '2']));
    procs.push(...servers, ...workers);
    const urls = await Promise.all(servers.map(async (s) => (await s.waitFor(/at (http:\/\/\S+)/, 300_000))[1]!.replace('localhost', '127.0.0.1')));
    await Promise.all(workers.map((w) => w.waitFor(/ready/, 300_000)));

    const teams: Record<string, string> = { ann: 'alpha', bob: 'beta' };
    for (const [user, team] of Object.entries(teams)) {
      const r = await fetch(`${urls[0]}/api/challenges/fm-challenge/teams`, { method: 'POST', headers: { authorization: `Bearer ${tokens[user]}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: team }) });
      expect(r.status).toBe(201);
    }
    // 2 teams × 9 uploads at once, alternating servers: at most QUOTA per team may be accepted.
    const statuses = await Promise.all(Object.keys(teams).flatMap((user, u) => Array.from({ length: 9 }, async (_, i) => {
      const url = urls[(i + u) % 2]!;
      const r = await fetch(`${url}/api/challenges/fm-challenge/submissions`, { method: 'POST', headers: { authorization: `Bearer ${tokens[user]}` }, body: fileForm(predictions(labels, 0.3 + i / 20, 100 * u + i + 1)) });
      return { user, status: r.status };
    })));
    for (const user of Object.keys(teams)) {
      expect(statuses.filter((s) => s.user === user && s.status === 202)).toHaveLength(QUOTA);
      expect(statuses.filter((s) => s.user === user && s.status !== 202).every((s) => s.status === 429)).toBe(true);
    }

    const ws = await openWorkspace(t.dataDir, { db: db.url });
    try {
      await expect.poll(async () => (await ws.store.listSubmissions({})).filter((s) => s.team_id !== null && s.state !== 'finished').length, { timeout: 90_000, interval: 200 }).toBe(0);
      const subs = (await ws.store.listSubmissions({})).filter((s) => s.team_id !== null);
      expect(subs).toHaveLength(2 * QUOTA);
      const scores = await ws.store.listScores({ submissionIds: subs.map((s) => s.id) });
      for (const s of subs) {
        expect(s).toMatchObject({ state: 'finished', charged: 1, attempts: 1 });
        expect(scores.filter((x) => x.submission_id === s.id).map((x) => x.split).sort()).toEqual(['private', 'public']);
      }
      for (const team of Object.values(teams)) {
        const teamId = (await ws.store.findTeam({ challengeId: subs[0]!.challenge_id, name: team }))!.id;
        expect(subs.filter((s) => s.team_id === teamId && s.charged === 1)).toHaveLength(QUOTA);
      }
    } finally {
      await ws.close();
    }
    // Both workers took part (jobs are spread, not all on one process).
    const done = workers.map((w) => (w.output().match(/challenge-score done/g) ?? []).length);
    expect(done.reduce((a, b) => a + b, 0)).toBe(2 * QUOTA);
    // Each server lists the jobs from Redis, whichever server enqueued them.
    const listed = (await (await fetch(`${urls[1]}/api/jobs`)).json()) as Array<{ type: string; state: { kind: string } }>;
    expect(listed.filter((j) => j.type === 'challenge-score' && j.state.kind === 'succeeded')).toHaveLength(2 * QUOTA);
    expect(await workers[0]!.kill('SIGTERM')).toBe(0);
  }, 600_000);
});
