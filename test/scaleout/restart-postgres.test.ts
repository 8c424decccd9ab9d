import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../src/store/workspace.js';
import { arena, config, predictions } from '../challenges/fixture.js';
import { fileForm } from '../challenges/server-fixture.js';
import { PG_URL } from '../helpers/store-backends.js';
import { tempDir } from '../helpers/temp-workspace.js';
import { crowdLoadSetup, type CrowdLoadSetup } from './crowd-setup.js';
import { postgresBin, privatePostgres, type PrivatePostgres } from './private-services.js';
import { startHeldout, type Proc } from './processes.js';

// PostgreSQL restarts under a running `heldout serve --db postgres://…`: the server process stays up and, once the
// database is back, answers reads and writes again without being restarted (the pool drops the connections the
// restart broke and opens new ones). A private cluster on a free port, because restarting the shared one would break
// every other PostgreSQL test; HELDOUT_PG_URL only says that PostgreSQL tests may run here.

const BIN = postgresBin();
const canRun = PG_URL !== undefined && BIN !== undefined && (process.getuid?.() !== 0 || existsSync('/usr/sbin/runuser') || existsSync('/usr/bin/runuser'));

let cluster: PrivatePostgres | undefined;
let dir: { dir: string; cleanup: () => Promise<void> } | undefined;
let labels: Int32Array;
let tokens: Record<string, string> = {};
let crowd: CrowdLoadSetup;
let server: Proc | undefined;
let url = '';

describe.skipIf(!canRun)('PostgreSQL restarts under a running server', () => {
  beforeAll(async () => {
    cluster = await privatePostgres(BIN!);
    dir = await tempDir();
    const ws = await openWorkspace(dir.dir, { db: cluster.url });
    try {
      const a = await arena(ws, { n: 500, config: config({ phases: [{ name: 'dev', start: '2020-01-01T00:00:00Z', end: '2100-01-01T00:00:00Z', quota: { perDay: 100 }, splits: { public: 0.5, seed: 3 } }] }) });
      labels = a.labels;
      tokens = a.tokens;
      crowd = await crowdLoadSetup(ws, { perClass: 12, workers: 1 });
    } finally {
      await ws.close();
    }
    server = startHeldout(['--data-dir', dir.dir, '--db', cluster.url, 'serve', '--port', '0']);
    url = (await server.waitFor(/at (http:\/\/\S+)/, 300_000))[1]!.replace('localhost', '127.0.0.1');
    const r = await fetch(`${url}/api/challenges/fm-challenge/teams`, { method: 'POST', headers: { authorization: `Bearer ${tokens.ann}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'alpha' }) });
    expect(r.status).toBe(201);
  }, 300_000);
  afterAll(async () => {
    await server?.kill('SIGKILL');
    await cluster?.destroy();
    await dir?.cleanup();
  });

  let seed = 0;
  const crowdHeaders = () => ({ authorization: `Bearer ${crowd.workers[0]!.token}`, 'content-type': 'application/json' });
  /** Reads (JSON over several tables) and writes (a crowd submit, a challenge upload scored in the server). */
  async function storeRoundTrip(): Promise<void> {
    const datasets = await fetch(`${url}/api/datasets`);
    expect(datasets.status).toBe(200);
    expect(((await datasets.json()) as Array<{ name: string }>).map((d) => d.name).sort()).toEqual(['crowd', 'fm']);
    expect((await fetch(`${url}/api/crowd/projects/load/progress`)).status).toBe(200);
    const next = await fetch(`${url}/api/crowd/projects/load/next`, { method: 'POST', headers: crowdHeaders(), body: '{}' });
    const task = (await next.json()) as { kind: string; assignment: { id: number }; images: Array<{ id: string }> };
    expect(task.kind).toBe('task');
    const submit = await fetch(`${url}/api/crowd/assignments/${task.assignment.id}/submit`, { method: 'POST', headers: crowdHeaders(), body: JSON.stringify({ selected: [task.images[0]!.id] }) });
    expect(submit.status).toBe(200);
    const auth = { authorization: `Bearer ${tokens.ann}` };
    const up = await fetch(`${url}/api/challenges/fm-challenge/submissions`, { method: 'POST', headers: auth, body: fileForm(predictions(labels, 0.5, ++seed)) });
    expect(up.status).toBe(202);
    const { id } = (await up.json()) as { id: number };
    const scored = (await (await fetch(`${url}/api/challenges/fm-challenge/submissions/${id}?wait=20`, { headers: auth })).json()) as { status: string };
    expect(scored.status).toBe('finished');
  }
  /** Polls a store-reading request until it answers 200 again (a request that meets a broken connection fails once). */
  async function recovered(): Promise<void> {
    await expect.poll(async () => (await fetch(`${url}/api/datasets`, { signal: AbortSignal.timeout(2000) })).status, { timeout: 5_000, interval: 100 }).toBe(200);
  }

  it('recovers from restarts (fast and immediate) and from a stop, without manual steps', async () => {
    await storeRoundTrip();
    for (const mode of ['fast', 'immediate'] as const) {
      // Every idle connection of the server's pool breaks here; an unhandled pool error would end the process.
      await cluster!.restart(mode);
      await recovered();
      await storeRoundTrip();
      expect(server!.child.exitCode).toBeNull();
    }
    // While the database is down, requests fail with a server error (and do not hang); then it comes back.
    await cluster!.stop('fast');
    const down = await fetch(`${url}/api/datasets`, { signal: AbortSignal.timeout(15_000) });
    expect(down.status).toBeGreaterThanOrEqual(500);
    expect(server!.child.exitCode).toBeNull();
    await cluster!.start();
    await recovered();
    await storeRoundTrip();
    expect(server!.child.exitCode).toBeNull();
    expect(await server!.kill('SIGTERM')).toBe(0);
  }, 120_000);
});
