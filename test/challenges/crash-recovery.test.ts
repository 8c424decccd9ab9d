import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../e2e/run-cli.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';
import { openWorkspace } from '../../src/store/workspace.js';
import { arena, config, predictions } from './fixture.js';
import { fileForm } from './server-fixture.js';

// kill -9 of a real server process (bin/heldout.js → dist/, so run `npm run build` first) while it scores: after a
// restart every acknowledged submission is finished, charged once, with one score per board, never lost.

let t: TempWorkspace;
let labels: Int32Array;
let token = '';
const children: ChildProcess[] = [];

function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, '--data-dir', dataDir, 'serve', '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(child);
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /at (http:\/\/\S+)/.exec(err);
      if (m) resolve({ child, url: m[1]!.replace('localhost', '127.0.0.1') });
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${err}`)));
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function states(dataDir: string) {
  const ws = await openWorkspace(dataDir);
  try {
    const subs = (await ws.store.listSubmissions({})).filter((s) => s.team_id !== null);
    const scores = await ws.store.listScores({ submissionIds: subs.map((s) => s.id) });
    return { subs, scores };
  } finally {
    await ws.close();
  }
}

beforeAll(async () => {
  t = await tempWorkspace();
  const a = await arena(t.ws, { n: 50_000, config: config({ phases: [{ name: 'dev', start: '2020-01-01T00:00:00Z', end: '2100-01-01T00:00:00Z', quota: { perDay: 100 } }] }) });
  labels = a.labels;
  token = a.tokens.ann!;
  await t.ws.close();
}, 120_000);
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await t.cleanup();
});

describe('kill -9 during scoring', () => {
  it('after a restart every acknowledged submission is finished or retried, charged once, scored once', async () => {
    let { child, url } = await startServer(t.dataDir);
    const auth = { authorization: `Bearer ${token}` };
    expect((await fetch(`${url}/api/challenges/fm-challenge/teams`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"name":"alpha"}' })).status).toBe(201);
    // Eight 50,000-line uploads at once; the server is killed as soon as the first is acknowledged, so the queue is
    // full (scoring runs one at a time) and later uploads may be cut off mid-request.
    const acked: number[] = [];
    const uploads = Array.from({ length: 8 }, (_, i) => fetch(`${url}/api/challenges/fm-challenge/submissions`, { method: 'POST', headers: auth, body: fileForm(predictions(labels, 0.5 + i / 20, 500 + i)) })
      .then(async (r) => {
        if (r.status === 202) acked.push(((await r.json()) as { id: number }).id);
      }, () => undefined));
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (acked.length > 0) {
          clearInterval(poll);
          resolve();
        }
      }, 2);
    });
    await killed(child);
    await Promise.all(uploads);
    const atKill = await states(t.dataDir);
    const stored = atKill.subs.map((s) => s.id);
    expect(stored).toEqual(expect.arrayContaining(acked));
    const unfinished = atKill.subs.filter((s) => s.state === 'submitted' || s.state === 'running').length;
    expect(unfinished).toBeGreaterThan(0);

    ({ child, url } = await startServer(t.dataDir));
    for (let i = 0; i < 300; i++) {
      const { subs } = await states(t.dataDir);
      if (subs.every((s) => s.state === 'finished' || s.state === 'failed')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const after = await states(t.dataDir);
    expect(after.subs.map((s) => s.id)).toEqual(stored);
    for (const s of after.subs) {
      expect(s.state).toBe('finished');
      expect(s.charged).toBe(1);
      expect(after.scores.filter((x) => x.submission_id === s.id).map((x) => x.split).sort()).toEqual(['private', 'public']);
    }
    const me = await fetch(`${url}/api/challenges/fm-challenge/submissions`, { headers: auth });
    expect(((await me.json()) as { submissions: unknown[] }).submissions).toHaveLength(stored.length);
    await killed(child);
  }, 120_000);

  it('a submission left running by a crash is retried on start-up without a second charge', async () => {
    const ws = await openWorkspace(t.dataDir);
    const team = (await ws.store.findTeam({ challengeId: 1, name: 'alpha' }))!;
    const bytes = new TextEncoder().encode(predictions(labels, 0.7, 999));
    const { sha256 } = await ws.blobs.put(bytes);
    // Exactly what a kill inside the scoring job leaves: charged, running, one attempt, no scores.
    const phase = (await ws.store.listPhases(1))[0]!;
    const sub = await ws.store.insertSubmission({
      challenge_id: 1, phase_id: phase.id, team_id: team.id, user_id: null, sha256, file_name: 'p.txt', bytes: bytes.length, format: 'ilsvrc',
      state: 'running', duplicate_of: null, charged: 1, is_baseline: 0, baseline_name: null, selected: 0, message: '', error: null, attempts: 1,
      created_at: new Date().toISOString(), started_at: new Date().toISOString(), finished_at: null,
    });
    await ws.close();
    const { child } = await startServer(t.dataDir);
    let row;
    for (let i = 0; i < 200; i++) {
      const w = await openWorkspace(t.dataDir);
      row = await w.store.findSubmission(sub.id);
      const scores = await w.store.listScores({ submissionIds: [sub.id] });
      await w.close();
      if (row?.state === 'finished') {
        expect(scores).toHaveLength(2);
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(row).toMatchObject({ state: 'finished', charged: 1, attempts: 2 });
    await killed(child);
  }, 60_000);
});
