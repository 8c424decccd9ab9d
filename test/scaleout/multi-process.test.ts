import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../src/store/workspace.js';
import { arena, config, predictions } from '../challenges/fixture.js';
import { fileForm } from '../challenges/server-fixture.js';
import { PG_URL, scratchPostgres, type ScratchDatabase } from '../helpers/store-backends.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';
import { dropPrefix, freshPrefix, REDIS_URL } from '../jobs/redis-env.js';
import { crowdLoadSetup, type CrowdLoadSetup } from './crowd-setup.js';
import { startHeldout, type Proc } from './processes.js';

// Two `heldout serve` processes and two `heldout worker` processes on one PostgreSQL store (a fresh schema) and one
// Redis (a fresh key prefix), sharing the blob folder: concurrent uploads to both servers never overrun a team's
// quota, and every accepted submission is scored exactly once (one score per board, one attempt); concurrent crowd
// work through both servers stores every acknowledged submit once with exactly its votes, and fills no task beyond
// its slots.

const QUOTA = 5;
let t: TempWorkspace;
let db: ScratchDatabase;
let labels: Int32Array;
let tokens: Record<string, string> = {};
let crowd: CrowdLoadSetup;
let urls: string[] = [];
let workers: Proc[] = [];
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
    crowd = await crowdLoadSetup(ws);
    await ws.close();

    const common = ['--data-dir', t.dataDir, '--db', db.url];
    const redis = ['--redis', REDIS_URL!, '--redis-prefix', prefix];
    const servers = [0, 1].map(() => startHeldout([...common, 'serve', '--port', '0', ...redis]));
    workers = [0, 1].map(() => startHeldout([...common, 'worker', ...redis, '--queues', 'scoring', '--concurrency', '2']));
    procs.push(...servers, ...workers);
    urls = await Promise.all(servers.map(async (s) => (await s.waitFor(/at (http:\/\/\S+)/, 300_000))[1]!.replace('localhost', '127.0.0.1')));
    await Promise.all(workers.map((w) => w.waitFor(/ready/, 300_000)));
  }, 600_000);
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.kill('SIGKILL')));
    await dropPrefix(REDIS_URL!, prefix);
    await db?.drop();
    await t?.cleanup();
  });

  it('no quota overrun and every submission scored once', async () => {
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

  it('crowd work through both servers: every acknowledged submit stored once with its votes, no task over its slots', async () => {
    const acked = (await Promise.all(crowd.workers.map((w, i) => crowdWorker(urls, w, i)))).flat();
    const slots = 3;
    const ws = await openWorkspace(t.dataDir, { db: db.url });
    try {
      const projectId = crowd.project.project.id;
      const tasks = await ws.store.crowdTaskSlots(projectId, new Date());
      // The load runs until no worker gets a task: every slot of every task is filled, none twice.
      expect(acked).toHaveLength(tasks.length * slots);
      for (const task of tasks) expect(task).toMatchObject({ maxAssignments: slots, valid: slots, leased: 0 });
      const rows = await ws.store.crowdAssignments(projectId);
      expect(rows).toHaveLength(acked.length);
      expect(new Set(rows.map((a) => `${a.task_id}/${a.worker_id}`)).size).toBe(rows.length);
      const byId = new Map(rows.map((a) => [a.id, a]));
      const publicId = new Map((await ws.store.crowdTaskImages(projectId)).map((img) => [img.id, img.public_id]));
      const votes = await ws.store.crowdVotes(projectId);
      const voted = new Map<number, string[]>();
      votes.assignmentId.forEach((a, k) => voted.set(a, [...(voted.get(a) ?? []), publicId.get(votes.taskImageId[k]!)!]));
      for (const a of acked) {
        expect(byId.get(a.assignmentId)).toMatchObject({ status: 'submitted', task_id: a.taskId, worker_id: a.workerId });
        expect((voted.get(a.assignmentId) ?? []).sort()).toEqual([...a.selected].sort());
      }
      expect(votes.assignmentId.length).toBe(acked.reduce((n, a) => n + a.selected.length, 0));
    } finally {
      await ws.close();
    }
  }, 300_000);
});

interface AckedSubmit {
  readonly assignmentId: number;
  readonly taskId: number;
  readonly workerId: number;
  readonly selected: readonly string[];
}

/**
 * One crowd worker until no task is left: each step asks both servers for a task at once (one lease per worker: both
 * answer with the same assignment, one of them resuming it), then submits the same selection to both at once (exactly
 * one stores it, the other answers 409).
 */
async function crowdWorker(servers: readonly string[], worker: { id: number; token: string }, w: number): Promise<AckedSubmit[]> {
  const post = async (url: string, path: string, body: unknown) => {
    const r = await fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${worker.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: r.status, body: (await r.json()) as CrowdAnswer };
  };
  const acked: AckedSubmit[] = [];
  for (let i = 0; ; i++) {
    const [a, b] = [servers[(w + i) % 2]!, servers[(w + i + 1) % 2]!];
    const [first, second] = await Promise.all([a, b].map((url) => post(url, '/api/crowd/projects/load/next', {})));
    expect([first!.status, second!.status]).toEqual([200, 200]);
    const [x, y] = [first!.body, second!.body];
    if (x.kind === 'done' || y.kind === 'done') {
      expect([x.kind, y.kind]).toEqual(['done', 'done']);
      return acked;
    }
    expect([x.kind, y.kind]).toEqual(['task', 'task']);
    expect(y.assignment!.id).toBe(x.assignment!.id);
    expect([x.assignment!.resumed, y.assignment!.resumed].sort()).toEqual([false, true]);
    const selected = x.images!.filter((_, k) => (k * 7 + w * 3 + i) % 5 < 2).map((img) => img.id);
    const path = `/api/crowd/assignments/${x.assignment!.id}/submit`;
    const submits = await Promise.all([b, a].map((url) => post(url, path, { selected, durationMs: 1000 + i })));
    expect(submits.map((s) => s.status).sort()).toEqual([200, 409]);
    acked.push({ assignmentId: x.assignment!.id, taskId: x.task!.id, workerId: worker.id, selected });
  }
}

interface CrowdAnswer {
  readonly kind: string;
  readonly assignment?: { readonly id: number; readonly resumed: boolean };
  readonly task?: { readonly id: number };
  readonly images?: ReadonlyArray<{ readonly id: string }>;
}
