import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace, type Workspace } from '../../src/store/workspace.js';
import { createApp } from '../../src/server/app.js';
import { listen, type Listening } from '../../src/server/node.js';
import { createInProcessQueue } from '../../src/jobs/in-process-queue.js';
import type { JobQueue } from '../../src/jobs/queue.js';
import { tempDir } from '../helpers/temp-workspace.js';
import { makeLabels, predictions, seedDataset } from './fixture.js';
import { runCli } from '../helpers/run-heldout.js';

let dir: string;
let cleanup: () => Promise<void>;
let dataDir: string;
let home: string;
let server: Listening;
let ws: Workspace;
let jobs: JobQueue;
const labels = makeLabels(300, 11);
const tokens: Record<string, string> = {};

/** Runs the CLI in-process with its own environment (config dir, HELDOUT_* variables). */
function heldout(args: string[], env: Record<string, string> = {}) {
  return runCli(['--data-dir', dataDir, ...args], { XDG_CONFIG_HOME: home, ...env });
}

const CONFIG = `version: 1
name: cli-challenge
title: CLI challenge
dataset: fm
split: test
metric: top1-error
hosts: [hana]
phases:
  - name: dev
    start: 2020-01-01T00:00:00Z
    end: 2100-01-01T00:00:00Z
    quota: { perDay: 10 }
    splits: { publicSize: 100, seed: 5 }
baselines:
  - name: coin flip
    file: baselines/weak.txt
`;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('heldout-challenge-cli-'));
  dataDir = path.join(dir, 'data');
  home = path.join(dir, 'config');
  const seed = await openWorkspace(dataDir);
  await seedDataset(seed, labels);
  await seed.close();
  await mkdir(path.join(dir, 'cfg', 'baselines'), { recursive: true });
  await writeFile(path.join(dir, 'cfg', 'challenge.yaml'), CONFIG);
  await writeFile(path.join(dir, 'cfg', 'baselines', 'weak.txt'), predictions(labels, 0.3, 2));
  await writeFile(path.join(dir, 'preds.txt'), predictions(labels, 0.85, 3));
});
afterAll(async () => {
  await server?.close();
  await jobs?.close();
  await ws?.close();
  await cleanup();
});

describe('challenge CLI (host side)', () => {
  it('user add prints a token once; a duplicate name is refused', async () => {
    for (const [name, role] of [['hana', 'host'], ['ann', 'participant']] as const) {
      const r = await heldout(['user', 'add', name, '--role', role, '--json']);
      expect(r.code).toBe(0);
      const out = JSON.parse(r.out) as { token: string; role: string };
      expect(out.role).toBe(role);
      tokens[name] = out.token;
    }
    expect(tokens.ann).toMatch(/^hld_[A-Za-z0-9_-]{43}$/);
    const again = await heldout(['user', 'add', 'ann']);
    expect(again.code).toBe(2);
    expect(again.err).toBe('heldout: user "ann" already exists\n');
  });

  it('challenge create validates the config and scores the baselines', async () => {
    const bad = path.join(dir, 'cfg', 'bad.yaml');
    await writeFile(bad, CONFIG.replace('metric: top1-error', 'metric: top3-error'));
    const r1 = await heldout(['challenge', 'create', '--config', bad]);
    expect(r1.code).toBe(2);
    expect(r1.err).toMatch(/bad.yaml: metric: /);
    const r = await heldout(['challenge', 'create', '--config', path.join(dir, 'cfg', 'challenge.yaml'), '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ name: 'cli-challenge', baselines: [{ name: 'coin flip', state: 'finished' }] });
  });
});

describe('challenge CLI client', () => {
  beforeAll(async () => {
    ws = await openWorkspace(dataDir);
    jobs = createInProcessQueue();
    server = await listen(createApp({ ws, jobs }), { port: 0 });
    const res = await fetch(`${server.url}/api/challenges/cli-challenge/teams`, { method: 'POST', headers: { authorization: `Bearer ${tokens.ann}`, 'content-type': 'application/json' }, body: '{"name":"alpha"}' });
    expect(res.status).toBe(201);
  });

  it('login checks the token and stores the config with mode 0600', async () => {
    const bad = await heldout(['login', '--server', server.url, '--token', 'hld_nope']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/401 invalid or revoked API token/);
    const r = await heldout(['login', '--server', `${server.url}/`, '--token', tokens.ann!]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/signed in to http:\/\/127.0.0.1:\d+ as ann \(participant\)/);
    const file = path.join(home, 'heldout', 'config.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ server: server.url, token: tokens.ann });
  });

  it('challenges lists the server\'s challenges', async () => {
    const r = await heldout(['challenges', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)[0]).toMatchObject({ name: 'cli-challenge', metric: 'top1-error' });
    expect((await heldout(['challenges'])).out).toMatch(/cli-challenge\s+top-1 error\s+300\s+dev\(open until 2100-01-01\)/);
  });

  it('submit --wait prints {id, status, scores} as JSON', async () => {
    const r = await heldout(['submit', 'cli-challenge', path.join(dir, 'preds.txt'), '--wait', '--message', 'first']);
    expect(r.err).toBe('');
    const out = JSON.parse(r.out) as { id: number; status: string; scores: { public: { value: number; ci: number[]; n: number }; private?: unknown } };
    expect(Object.keys(out)).toEqual(['id', 'status', 'scores']);
    expect(out.status).toBe('finished');
    expect(out.scores.public.n).toBe(100);
    expect(out.scores.public.value).toBeLessThan(0.3); // top-1 error of an ~85% accurate file
    expect(out.scores.public.ci[0]).toBeLessThan(out.scores.public.value);
    expect(out.scores.private).toBeUndefined();
  });

  it('submit refuses a malformed file with the server\'s one-line reason (exit 2)', async () => {
    const badFile = path.join(dir, 'bad.txt');
    await writeFile(badFile, '1\n2\n');
    const r = await heldout(['submit', 'cli-challenge', badFile]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/400 bad.txt has 2 rows but the challenge image list has 300 labels/);
  });

  it('submissions and leaderboard print text, JSON and CSV with intervals', async () => {
    const subs = await heldout(['submissions', 'cli-challenge']);
    expect(subs.out).toMatch(/^id\s+phase\s+status\s+public/m);
    expect(subs.out).toMatch(/finished\s+\d+\.\d\d% \[\d+\.\d\d, \d+\.\d\d\]\s+100\s+hidden\s+preds.txt/);
    const text = await heldout(['leaderboard', 'cli-challenge']);
    expect(text.out).toMatch(/cli-challenge \/ dev \/ public: top-1 error, n = 100/);
    expect(text.out).toMatch(/1\s+alpha\s+\d+\.\d\d% \[/);
    expect(text.out).toMatch(/coin flip \(baseline\)/);
    const json = JSON.parse((await heldout(['leaderboard', 'cli-challenge', '--json'])).out) as { rows: Array<{ team: string; tiedWithLeader: boolean }> };
    expect(json.rows.map((r) => [r.team, r.tiedWithLeader])).toEqual([['alpha', true], ['coin flip', false]]);
    const csv = (await heldout(['leaderboard', 'cli-challenge', '--csv'])).out;
    expect(csv.split('\n')[1]).toMatch(/^1,alpha,0,/);
    const hidden = await heldout(['leaderboard', 'cli-challenge', '--split', 'private']);
    expect(hidden.code).toBe(1);
    expect(hidden.err).toMatch(/403 the private leaderboard of phase dev is hidden/);
  });

  it('HELDOUT_SERVER / HELDOUT_TOKEN override the stored config, and flags override both', async () => {
    const wrong = await heldout(['challenges'], { HELDOUT_SERVER: 'http://127.0.0.1:9' });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/cannot reach http:\/\/127.0.0.1:9/);
    const flag = await heldout(['challenges', '--json', '--server', server.url], { HELDOUT_SERVER: 'http://127.0.0.1:9' });
    expect(flag.code).toBe(0);
    const tokenEnv = await heldout(['submissions', 'cli-challenge'], { HELDOUT_TOKEN: 'hld_wrong' });
    expect(tokenEnv.err).toMatch(/401/);
    const tokenFlag = await heldout(['submissions', 'cli-challenge', '--json', '--token', tokens.ann!], { HELDOUT_TOKEN: 'hld_wrong' });
    expect(tokenFlag.code).toBe(0);
  });

  it('challenge close reveals the private board to the client; rescore keeps old scores', async () => {
    const r = await heldout(['challenge', 'close', 'cli-challenge']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/closed phase dev of cli-challenge/);
    const priv = await heldout(['leaderboard', 'cli-challenge', '--split', 'private', '--json']);
    expect(priv.code).toBe(0);
    expect((JSON.parse(priv.out) as { rows: Array<{ n: number }> }).rows[0]!.n).toBe(200);
    const again = await heldout(['challenge', 'close', 'cli-challenge']);
    expect(again.code).toBe(1);
    const fixedFile = path.join(dir, 'fixed.txt');
    // One label fixed (image 0), written as devkit IDs through the class set.
    const { loadBuiltinClassSet } = await import('../../src/catalog/builtin-class-sets.js');
    const cs = loadBuiltinClassSet('fashion-mnist');
    await writeFile(fixedFile, `${Array.from(labels, (y, i) => cs.byIndex(i === 0 ? (y + 1) % 10 : y).devkitId).join('\n')}\n`);
    const rs = await heldout(['challenge', 'rescore', 'cli-challenge', '--labels', fixedFile]);
    expect(rs.err).toBe('');
    expect(rs.out).toBe('rescored 2 submission(s) of cli-challenge at revision 2\n');
  });
});
