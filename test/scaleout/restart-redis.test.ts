import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arena, config, predictions } from '../challenges/fixture.js';
import { fileForm } from '../challenges/server-fixture.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';
import { freshPrefix, REDIS_URL } from '../jobs/redis-env.js';
import { privateRedis, REDIS_SERVER, type PrivateRedis } from './private-services.js';
import { startHeldout, type Proc } from './processes.js';

// A Redis restart under a running `heldout serve --redis` and `heldout worker`: both reconnect by themselves. An
// upload made while Redis is down waits for it and is queued once it is back; uploads after the restart are scored by
// the same worker process. The Redis is a private one (no persistence) on a free port: restarting the shared one would
// break every other test that uses it. HELDOUT_REDIS_URL only says that Redis tests may run here.

let t: TempWorkspace;
let redis: PrivateRedis | undefined;
let labels: Int32Array;
let tokens: Record<string, string> = {};
const procs: Proc[] = [];

describe.skipIf(!REDIS_URL || !existsSync(REDIS_SERVER))('a Redis restart under a server and a worker', () => {
  beforeAll(async () => {
    redis = await privateRedis();
    t = await tempWorkspace();
    const a = await arena(t.ws, { n: 2000, config: config({ phases: [{ name: 'dev', start: '2020-01-01T00:00:00Z', end: '2100-01-01T00:00:00Z', quota: { perDay: 100 }, splits: { public: 0.5, seed: 3 } }] }) });
    labels = a.labels;
    tokens = a.tokens;
  }, 60_000);
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.kill('SIGKILL')));
    await redis?.stop();
    await t?.cleanup();
  });

  it('the server and the worker reconnect and go on queueing and scoring', async () => {
    const queue = ['--redis', redis!.url, '--redis-prefix', freshPrefix()];
    const server = startHeldout(['--data-dir', t.dataDir, 'serve', '--port', '0', ...queue]);
    const worker = startHeldout(['--data-dir', t.dataDir, 'worker', ...queue, '--queues', 'scoring']);
    procs.push(server, worker);
    const url = (await server.waitFor(/at (http:\/\/\S+)/, 300_000))[1]!.replace('localhost', '127.0.0.1');
    await worker.waitFor(/ready/, 300_000);
    const auth = { authorization: `Bearer ${tokens.ann}` };
    expect((await fetch(`${url}/api/challenges/fm-challenge/teams`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'alpha' }) })).status).toBe(201);
    let seed = 0;
    const upload = () => fetch(`${url}/api/challenges/fm-challenge/submissions`, { method: 'POST', headers: auth, body: fileForm(predictions(labels, 0.5, ++seed)) });
    const finished = async () => (await t.ws.store.listSubmissions({ states: ['finished'] })).length;
    const scored = () => (worker.output().match(/challenge-score done/g) ?? []).length;

    for (let i = 0; i < 2; i++) expect((await upload()).status).toBe(202);
    await expect.poll(finished, { timeout: 30_000, interval: 100 }).toBe(2);
    // The worker prints its line once BullMQ has recorded the completion, just after the store's commit: stopping
    // Redis between the two would lose that record (this Redis keeps nothing), not the score.
    await expect.poll(scored, { timeout: 10_000, interval: 100 }).toBe(2);

    await redis!.stop();
    // Uploaded while Redis is down: stored at once, queued when Redis is back (the server's enqueue waits up to 30 s),
    // so the answer comes only after the outage.
    const down = Date.now();
    const during = upload().then((r) => ({ status: r.status, at: Date.now() }));
    await new Promise((r) => setTimeout(r, 1500));
    await redis!.start();
    const answered = await during;
    expect(answered.status).toBe(202);
    expect(answered.at - down).toBeGreaterThanOrEqual(1500);
    for (let i = 0; i < 2; i++) expect((await upload()).status).toBe(202);

    await expect.poll(finished, { timeout: 45_000, interval: 200 }).toBe(5);
    await expect.poll(scored, { timeout: 10_000, interval: 100 }).toBe(5);
    expect(worker.child.exitCode).toBeNull();
    const subs = await t.ws.store.listSubmissions({ states: ['finished'] });
    for (const s of subs) expect(s).toMatchObject({ charged: 1, attempts: 1 });
    // The restarted Redis holds only the jobs queued since (no persistence here); the server lists them.
    const listed = (await (await fetch(`${url}/api/jobs`)).json()) as Array<{ type: string; state: { kind: string } }>;
    expect(listed.filter((j) => j.type === 'challenge-score' && j.state.kind === 'succeeded')).toHaveLength(3);
    expect(await worker.kill('SIGTERM')).toBe(0);
    expect(await server.kill('SIGTERM')).toBe(0);
  }, 600_000);
});
