import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempWorkspace, workspaceCounts, type TempWorkspace } from '../helpers/temp-workspace.js';
import { CLASSES, config, predictions } from './fixture.js';
import { fileForm, ORIGIN, serverArena, type ServerArena } from './server-fixture.js';

// Scripted security probes (issue 4). Each `it` below is one probe; it.each rows count one each.

let t: TempWorkspace;
let s: ServerArena;
let annSub = 0;
let catSub = 0;
let labelHash = '';

const C = '/api/challenges/fm-challenge';
const body = async (res: Response) => res.text();

beforeAll(async () => {
  t = await tempWorkspace();
  s = await serverArena(t.ws, { config: config({ maxUploadBytes: 50_000 }) });
  expect((await s.req(`${C}/teams`, { who: 'ann', json: { name: 'alpha' } })).status).toBe(201);
  const code = (await (await s.req(`${C}/team`, { who: 'ann' })).json() as { inviteCode: string }).inviteCode;
  expect((await s.req(`${C}/teams/join`, { who: 'bob', json: { code } })).status).toBe(200);
  expect((await s.req(`${C}/teams`, { who: 'cat', json: { name: 'beta' } })).status).toBe(201);
  expect((await s.req(`${C}/teams`, { who: 'dan', json: { name: 'gamma' } })).status).toBe(201);
  annSub = (await (await s.req(`${C}/submissions`, { who: 'ann', form: fileForm(predictions(s.labels, 0.8, 1)) })).json() as { id: number }).id;
  catSub = (await (await s.req(`${C}/submissions`, { who: 'cat', form: fileForm(predictions(s.labels, 0.6, 2)) })).json() as { id: number }).id;
  await s.settle();
  const c = (await t.ws.store.findChallenge({ name: 'fm-challenge' }))!;
  labelHash = (await t.ws.store.labelSet(c.id, 1))!.label_hash;
});
afterAll(async () => {
  await s.jobs.close();
  await t.cleanup();
});

/** Every route that needs a signed-in caller, with a request that would otherwise be valid. */
const AUTH_ROUTES: ReadonlyArray<[string, string, () => { json?: unknown; form?: FormData }]> = [
  ['GET', '/api/me', () => ({})],
  ['POST', '/api/tokens', () => ({ json: { label: 'x' } })],
  ['GET', `${C}/team`, () => ({})],
  ['POST', `${C}/teams`, () => ({ json: { name: 'zeta' } })],
  ['POST', `${C}/teams/join`, () => ({ json: { code: 'x' } })],
  ['GET', `${C}/submissions`, () => ({})],
  ['POST', `${C}/submissions`, () => ({ form: fileForm('1\n') })],
  ['GET', `${C}/submissions/1`, () => ({})],
  ['PUT', `${C}/selections`, () => ({ json: { ids: [1] } })],
  ['POST', `${C}/phases/dev/close`, () => ({})],
  ['GET', `${C}/phases/dev/audit`, () => ({})],
];

describe('probes: authentication on every route', () => {
  it.each(AUTH_ROUTES)('%s %s without a token → 401', async (method, path, make) => {
    const res = await s.req(path, { method, ...make() });
    expect(res.status).toBe(401);
    expect(await res.json()).toHaveProperty('error');
  });

  it.each(AUTH_ROUTES)('%s %s with a forged token → 401', async (method, path, make) => {
    const res = await s.req(path, { method, ...make(), headers: { authorization: `Bearer hld_${'A'.repeat(43)}` } });
    expect(res.status).toBe(401);
  });

  it('host-only routes refuse a participant (403) and the admin page too', async () => {
    expect((await s.req(`${C}/phases/dev/close`, { who: 'ann', method: 'POST' })).status).toBe(403);
    expect((await s.req(`${C}/phases/dev/audit`, { who: 'ann' })).status).toBe(403);
    expect((await s.req('/challenges/fm-challenge/admin', { who: 'ann' })).status).toBe(403);
    expect((await s.req('/challenges/fm-challenge/admin/close', { who: 'ann', method: 'POST' })).status).toBe(403);
  });

  it('another team cannot read a submission (404, existence not confirmed) nor list it', async () => {
    const res = await s.req(`${C}/submissions/${annSub}`, { who: 'cat' });
    expect(res.status).toBe(404);
    const list = await (await s.req(`${C}/submissions`, { who: 'cat' })).json() as { submissions: Array<{ id: number }> };
    expect(list.submissions.map((x) => x.id)).toEqual([catSub]);
    expect((await s.req(`/challenges/fm-challenge/submissions/${annSub}`, { who: 'cat' })).status).toBe(404);
  });

  it('a teammate sees the team submission with its per-class breakdown; another team does not', async () => {
    const mine = await (await s.req(`${C}/submissions/${annSub}?perClass=1`, { who: 'bob' })).json() as { perClass?: unknown; scores: Record<string, unknown> };
    expect(mine.perClass).toBeDefined();
    expect(mine.scores.private).toBeUndefined();
    expect(await body(await s.req(`${C}/submissions/${catSub}?perClass=1`, { who: 'bob' }))).not.toContain('perClass');
  });

  it('the per-class breakdown is the submitting team\'s alone: a host sees the raw scores but no breakdown', async () => {
    const hosted = await (await s.req(`${C}/submissions/${annSub}?perClass=1`, { who: 'hana' })).json() as { perClass?: unknown; scores: Record<string, unknown> };
    expect(hosted.scores.public).toBeDefined();
    expect(hosted.perClass).toBeUndefined();
    expect(await body(await s.req(`/challenges/fm-challenge/submissions/${annSub}`, { who: 'hana' }))).not.toContain('Per-class');
  });

  it('another team cannot select a submission it does not own', async () => {
    const res = await s.req(`${C}/selections`, { who: 'cat', method: 'PUT', json: { ids: [annSub] } });
    expect(res.status).toBe(400);
    expect((await t.ws.store.findSubmission(annSub))?.selected).toBe(0);
  });

  it('hosts cannot join a team or submit to their challenge', async () => {
    expect((await s.req(`${C}/teams`, { who: 'hana', json: { name: 'hosts' } })).status).toBe(403);
    expect((await s.req(`${C}/submissions`, { who: 'hana', form: fileForm(predictions(s.labels, 1, 3)) })).status).toBe(403);
  });
});

describe('probes: labels and per-image data are never reachable', () => {
  it('the private board is hidden before closing (JSON, CSV and page)', async () => {
    expect((await s.req(`${C}/leaderboard?split=private`)).status).toBe(403);
    expect((await s.req(`${C}/leaderboard?split=private&format=csv`, { who: 'ann' })).status).toBe(403);
    expect((await s.req('/challenges/fm-challenge/leaderboard?split=private')).status).toBe(403);
  });

  it('the label set and submitted files are not served as blobs', async () => {
    const sub = (await t.ws.store.findSubmission(annSub))!;
    for (const sha of [labelHash, sub.sha256]) expect((await s.req(`/blobs/${sha}`)).status).toBe(404);
  });

  it('the challenge split shows no classes in the dataset API and cannot be filtered by class', async () => {
    const items = await (await s.req('/api/datasets/fm/splits/test/items?limit=5')).json() as { items: object[] };
    for (const item of items.items) expect(item).not.toHaveProperty('wnid');
    expect((await s.req(`/api/datasets/fm/splits/test/items?class=${CLASSES.byIndex(0).wnid}`)).status).toBe(400);
  });

  it('participants never see the label-set hash (a small label set could be brute-forced from it); hosts do', async () => {
    expect(await body(await s.req(`${C}/submissions/${annSub}`, { who: 'ann' }))).not.toContain(labelHash);
    expect(await body(await s.req(`/challenges/fm-challenge/submissions/${annSub}`, { who: 'ann' }))).not.toContain(labelHash.slice(0, 12));
    expect(await body(await s.req(`${C}/submissions/${annSub}`, { who: 'hana' }))).toContain(labelHash);
  });

  it('leaderboards and exports carry counts and intervals only, no per-image data', async () => {
    const json = await (await s.req(`${C}/leaderboard`)).json() as { rows: Array<Record<string, unknown>> };
    expect(Object.keys(json.rows[0]!).sort()).toEqual(['accuracy', 'baseline', 'ci', 'correct', 'n', 'rank', 'submissionId', 'submittedAt', 'team', 'tiedWithLeader', 'adjustedP', 'value'].sort());
    const csv = await body(await s.req(`${C}/leaderboard?format=csv`));
    expect(csv.split('\n')[0]).toBe('rank,team,baseline,submission_id,metric,value,ci_lower,ci_upper,correct,n,tied_with_leader,adjusted_p,released,submitted_at');
    expect(csv.length).toBeLessThan(1000);
    for (const text of [JSON.stringify(json), csv]) expect(text).not.toMatch(/correct_bits|bits|wnid/);
  });

  it('error messages for a bad upload name the file and line, never a label', async () => {
    const ids = Array.from(s.labels, (_, i) => String(i).padStart(5, '0'));
    const rows = ids.map((id, i) => `${id},${i === 3 ? 'n99999999' : '1'}`);
    const res = await s.req(`${C}/submissions`, { who: 'ann', form: fileForm(`image_id,pred1\n${rows.join('\n')}\n`, 'p.csv') });
    expect(res.status).toBe(400);
    const { error } = await res.json() as { error: string };
    expect(error).toBe('p.csv:5: pred1: "n99999999" is not a devkit ID (an integer 1..10)');
    for (const cls of CLASSES.entries) expect(error).not.toContain(cls.wnid);
  });
});

describe('probes: uploads', () => {
  it('path traversal in the upload name is neutralised (stored base name only, nothing written there)', async () => {
    const names: Array<[string, string]> = [['../../../../tmp/evil name.txt', 'evil_name.txt'], ['..\\..\\windows\\evil.txt', 'evil.txt'], ['....//.htaccess', 'htaccess']];
    for (const [i, [name, stored]] of names.entries()) {
      const res = await s.req(`${C}/submissions`, { who: 'bob', form: fileForm(predictions(s.labels, 0.5, 5 + i), name) });
      expect(res.status).toBe(202);
      const { id } = await res.json() as { id: number };
      expect((await t.ws.store.findSubmission(id))?.file_name).toBe(stored);
    }
    const { existsSync } = await import('node:fs');
    expect(existsSync('/tmp/evil name.txt')).toBe(false);
    const nul = await s.req(`${C}/submissions`, { who: 'bob', form: fileForm(predictions(s.labels, 0.5, 9), 'a\u0000.txt') });
    expect(nul.status).toBe(400);
    await s.settle();
  });

  it('path traversal in route parameters finds nothing', async () => {
    expect((await s.req('/api/challenges/..%2F..%2Fetc/leaderboard')).status).toBe(404);
    expect((await s.req(`${C}/submissions/..%2F1`, { who: 'ann' })).status).toBe(404);
    expect((await s.req('/blobs/..%2Fheldout.db')).status).toBe(400);
  });

  it('an upload whose Content-Length exceeds the cap is refused before it is read (413), nothing stored', async () => {
    const before = await workspaceCounts(t.ws);
    const res = await s.req(`${C}/submissions`, { who: 'ann', form: fileForm('x'.repeat(60_000)) });
    expect(res.status).toBe(413);
    expect(await workspaceCounts(t.ws)).toEqual(before);
  });

  it('a streamed upload without Content-Length is cut off at the cap (413), nothing stored', async () => {
    const before = await workspaceCounts(t.ws);
    const form = new Response(fileForm('7\n'.repeat(40_000)));
    const type = form.headers.get('content-type')!;
    const bytes = new Uint8Array(await form.arrayBuffer());
    const stream = new ReadableStream({ start(c) { for (let i = 0; i < bytes.length; i += 4096) c.enqueue(bytes.subarray(i, i + 4096)); c.close(); } });
    const res = await s.app.request(`${C}/submissions`, { method: 'POST', headers: { authorization: `Bearer ${s.tokens.ann}`, 'content-type': type }, body: stream, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    expect(await workspaceCounts(t.ws)).toEqual(before);
  });

  it('a gzip bomb (10 MB of zeros in ~10 kB, under the 50 kB cap) is refused (413), nothing stored', async () => {
    const bomb = gzipSync(Buffer.alloc(10_000_000), { level: 9 });
    expect(bomb.length).toBeLessThan(20_000);
    const before = await workspaceCounts(t.ws);
    const res = await s.req(`${C}/submissions`, { who: 'ann', form: fileForm(bomb, 'p.txt.gz') });
    expect(res.status).toBe(413);
    expect((await res.json() as { error: string }).error).toContain('decompresses to more than 50000 bytes');
    expect(await workspaceCounts(t.ws)).toEqual(before);
  });

  const MALFORMED: ReadonlyArray<[string, string | Uint8Array, string, RegExp]> = [
    ['empty file', '', 'p.txt', /p.txt: empty file/],
    ['binary garbage', Uint8Array.from({ length: 300 }, (_, i) => (i * 97) % 256), 'p.bin', /p.bin/],
    ['too few rows', '1\n2\n3\n', 'p.txt', /p.txt has 3 rows but the challenge image list has 200/],
    ['class id out of range', `11\n${'1\n'.repeat(199)}`, 'p.txt', /p.txt:1: devkit ID 11 is out of range for class set fashion-mnist \(1..10\)/],
    ['a blank line in the middle', `1\n\n${'1\n'.repeat(199)}`, 'p.txt', /p.txt:2: line has no guesses/],
    ['CSV without a header', '00000,1\n', 'p.csv', /p.csv/],
    ['CSV with a repeated image id', `image_id,pred1\n00000,1\n00000,2\n`, 'p.csv', /appears twice/],
    ['JSON Lines with a broken record', '{"image_id": "00000", "top": [1]}\n{"image_id":\n', 'p.jsonl', /p.jsonl:2/],
    ['a format the challenge does not list', '\u0093NUMPY', 'p.npy', /p.npy/],
    ['not gzip despite the magic bytes', Uint8Array.of(0x1f, 0x8b, 1, 2, 3), 'p.txt.gz', /not a valid gzip file/],
  ];
  it.each(MALFORMED)('malformed file (%s) → 400 with a clear error, nothing stored', async (_what, content, name, message) => {
    const before = await workspaceCounts(t.ws);
    const res = await s.req(`${C}/submissions`, { who: 'ann', form: fileForm(content, name) });
    expect(res.status).toBe(400);
    expect((await res.json() as { error: string }).error).toMatch(message);
    expect(await workspaceCounts(t.ws)).toEqual(before);
  });

  it('requests that are not a proper multipart upload are refused (400)', async () => {
    expect((await s.req(`${C}/submissions`, { who: 'ann', json: { file: '1' } })).status).toBe(400);
    const two = fileForm('1\n');
    two.append('other', new Blob(['x']), 'x.txt');
    expect((await s.req(`${C}/submissions`, { who: 'ann', form: two })).status).toBe(400);
    const none = new FormData();
    none.append('message', 'hi');
    expect((await s.req(`${C}/submissions`, { who: 'ann', form: none })).status).toBe(400);
  });

  it('an identical re-upload is a duplicate and is not charged', async () => {
    const res = await s.req(`${C}/submissions`, { who: 'bob', form: fileForm(predictions(s.labels, 0.8, 1)) });
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ duplicate: true, charged: false, duplicateOf: annSub });
  });

  it('50 parallel uploads against a daily quota of 5: exactly 5 accepted, 45 refused with 429', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => s.req(`${C}/submissions`, { who: 'dan', form: fileForm(predictions(s.labels, 0.5, 1000 + i)) })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((x) => x === 202)).toHaveLength(5);
    expect(statuses.filter((x) => x === 429)).toHaveLength(45);
    await s.settle();
    const gamma = await t.ws.store.findTeam({ challengeId: 1, name: 'gamma' });
    const rows = await t.ws.store.listSubmissions({ teamId: gamma!.id });
    expect(rows.filter((r) => r.charged === 1 && r.state === 'finished')).toHaveLength(5);
  });
});

describe('probes: sessions, CSRF and rate limits', () => {
  it('session cookies are HttpOnly and SameSite=Lax; tokens and passwords are hashed at rest', async () => {
    const res = await s.app.request('/login', {
      method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=ann&password=ann-password',
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(`${t.dataDir}/heldout.db`, { readonly: true });
    const tokens = db.prepare('select token_hash from api_tokens').all() as Array<{ token_hash: string }>;
    const users = db.prepare('select password_hash from users where password_hash is not null').all() as Array<{ password_hash: string }>;
    db.close();
    for (const tok of Object.values(s.tokens)) expect(tokens.some((r) => r.token_hash === tok)).toBe(false);
    expect(tokens.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
    expect(users.every((u) => u.password_hash.startsWith('scrypt$'))).toBe(true);
  });

  it('a form post with the session cookie but no Origin is refused (403)', async () => {
    const { cookie, csrf } = await s.session('cat');
    const res = await s.app.request('/challenges/fm-challenge/team', { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: `name=x&_csrf=${csrf}` });
    expect(res.status).toBe(403);
  });

  it('a cross-site form post is refused (403) even with the right token', async () => {
    const { cookie, csrf } = await s.session('cat');
    const res = await s.app.request('/challenges/fm-challenge/selections', { method: 'POST', headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, body: `ids=${catSub}&_csrf=${csrf}` });
    expect(res.status).toBe(403);
    expect((await t.ws.store.findSubmission(catSub))?.selected).toBe(0);
  });

  it('a same-origin form post with a missing or wrong CSRF token is refused (403); the right one works', async () => {
    const { cookie, csrf } = await s.session('cat');
    const post = (b: string) => s.app.request('/challenges/fm-challenge/selections', { method: 'POST', headers: { cookie, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' }, body: b });
    expect((await post(`ids=${catSub}`)).status).toBe(403);
    expect((await post(`ids=${catSub}&_csrf=${'x'.repeat(csrf.length)}`)).status).toBe(403);
    expect((await post(`ids=${catSub}&_csrf=${csrf}`)).status).toBe(303);
    expect((await t.ws.store.findSubmission(catSub))?.selected).toBe(1);
  });

  it('an upload with the session cookie needs the CSRF header (XHR) or query token', async () => {
    const { cookie, csrf } = await s.session('cat');
    const form = () => fileForm(predictions(s.labels, 0.55, 77));
    expect((await s.app.request(`${C}/submissions`, { method: 'POST', headers: { cookie, origin: ORIGIN }, body: form() })).status).toBe(403);
    expect((await s.app.request(`${C}/submissions`, { method: 'POST', headers: { cookie, origin: ORIGIN, 'x-csrf-token': csrf }, body: form() })).status).toBe(202);
  });

  it('cross-site sign-in and sign-out (login CSRF) are refused', async () => {
    const login = await s.app.request('/login', { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=ann&password=ann-password' });
    expect(login.status).toBe(403);
    const { cookie } = await s.session('ann');
    const logout = await s.app.request('/logout', { method: 'POST', headers: { cookie, 'sec-fetch-site': 'cross-site', 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(logout.status).toBe(403);
  });

  it('sign-in never redirects off-site', async () => {
    const res = await s.app.request('/login', { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=ann&password=ann-password&next=//evil.example/x' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/challenges');
  });

  it('10 failed sign-ins from one address block the 11th, even with the right password (429)', async () => {
    const app = s.newApp({ loginLimit: { limit: 10 } });
    const login = (pw: string) => app.request('/login', { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' }, body: `name=bob&password=${pw}` });
    for (let i = 0; i < 10; i++) expect((await login(`wrong-${i}`)).status).toBe(401);
    const blocked = await login('bob-password');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('20 wrong bearer tokens block the address, even for a valid token (429)', async () => {
    const app = s.newApp({ tokenLimit: { limit: 20 } });
    for (let i = 0; i < 20; i++) expect((await app.request('/api/me', { headers: { authorization: `Bearer hld_guess${i}` } })).status).toBe(401);
    expect((await app.request('/api/me', { headers: { authorization: `Bearer ${s.tokens.ann}` } })).status).toBe(429);
  });

  it('markup in user input is escaped on pages and refused in team names', async () => {
    const res = await s.req(`${C}/submissions`, { who: 'cat', form: fileForm(predictions(s.labels, 0.51, 78), 'p.txt', { message: '<script>alert(1)</script>' }) });
    expect(res.status).toBe(202);
    const page = await body(await s.req('/challenges/fm-challenge/submissions', { who: 'cat' }));
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect((await s.req(`${C}/teams`, { who: 'dan', json: { name: '<img src=x>' } })).status).toBe(400);
  });

  it('pages forbid framing (clickjacking)', async () => {
    expect((await s.req('/challenges/fm-challenge')).headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('probes: host challenge creation, token revocation, leaving a team', () => {
  const newConfig = (over: Record<string, unknown> = {}) => ({ ...config(), name: 'fm-http', title: 'Over HTTP', ...over });

  it('POST /api/challenges: a listed host creates one (201); participants 403, anonymous 401, unlisted host 400, taken name 409', async () => {
    expect((await s.req('/api/challenges', { json: newConfig() })).status).toBe(401);
    expect((await s.req('/api/challenges', { who: 'ann', json: newConfig() })).status).toBe(403);
    const unlisted = await s.req('/api/challenges', { who: 'hana', json: newConfig({ hosts: ['root'] }) });
    expect(unlisted.status).toBe(400);
    expect(await body(unlisted)).toContain('hosts');
    const bad = await s.req('/api/challenges', { who: 'hana', json: newConfig({ metric: 'f1' }) });
    expect(bad.status).toBe(400);
    expect(await body(bad)).toMatch(/config: metric/);
    const created = await s.req('/api/challenges', { who: 'hana', json: newConfig() });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ name: 'fm-http', revision: 1 });
    expect((await s.req('/api/challenges', { who: 'root', json: newConfig() })).status).toBe(409);
  });

  it('POST /api/challenges takes YAML and refuses configs that name files (baselines, usage CSVs)', async () => {
    const yaml = `version: 1\nname: fm-yaml\ntitle: YAML\ndataset: fm\nsplit: test\nmetric: top1-error\nhosts: [hana]\nphases:\n  - { name: p, start: 2026-01-01T00:00:00Z, end: 2027-01-01T00:00:00Z }\n`;
    const res = await s.app.request('/api/challenges', { method: 'POST', headers: { authorization: `Bearer ${s.tokens.hana}`, 'content-type': 'application/yaml' }, body: yaml });
    expect(res.status).toBe(201);
    const withFile = await s.req('/api/challenges', { who: 'root', json: newConfig({ name: 'fm-files', baselines: [{ name: 'b', file: '../../etc/passwd' }] }) });
    expect(withFile.status).toBe(400);
    expect(await body(withFile)).toContain('heldout challenge create');
  });

  it('an API token can be listed and revoked by its owner only; a revoked token is refused (401)', async () => {
    const issued = await (await s.req('/api/tokens', { who: 'cat', json: { label: 'laptop' } })).json() as { token: string };
    const list = await (await s.req('/api/tokens', { who: 'cat' })).json() as { tokens: Array<{ id: number; label: string; revoked: boolean }> };
    const mine = list.tokens.find((x) => x.label === 'laptop')!;
    expect(JSON.stringify(list)).not.toContain(issued.token);
    expect((await s.req(`/api/tokens/${mine.id}`, { who: 'dan', method: 'DELETE' })).status).toBe(404);
    const bearer = { authorization: `Bearer ${issued.token}` };
    expect((await s.req('/api/me', { headers: bearer })).status).toBe(200);
    expect((await s.req(`/api/tokens/${mine.id}`, { who: 'cat', method: 'DELETE' })).status).toBe(200);
    expect((await s.req('/api/me', { headers: bearer })).status).toBe(401);
    expect((await s.req('/api/me', { who: 'cat' })).status).toBe(200);
  });

  it('leaving a team: refused (409) after uploading to it; allowed before; an empty team without submissions is deleted', async () => {
    expect((await s.req(`${C}/team/leave`, { who: 'bob', method: 'POST' })).status).toBe(409);
    const { addUser } = await import('../../src/challenges/accounts.js');
    const eve = (await addUser(t.ws.store, { name: 'eve', role: 'participant' }, new Date())).token;
    const as = { authorization: `Bearer ${eve}` };
    const code = (await (await s.req(`${C}/team`, { who: 'ann' })).json() as { inviteCode: string }).inviteCode;
    expect((await s.req(`${C}/teams/join`, { headers: as, json: { code } })).status).toBe(200);
    const left = await s.req(`${C}/team/leave`, { headers: as, method: 'POST' });
    expect(await left.json()).toEqual({ left: 'alpha', teamDeleted: false });
    expect((await s.req(`${C}/team`, { headers: as })).status).toBe(404);
    expect((await s.req(`${C}/teams`, { headers: as, json: { name: 'solo' } })).status).toBe(201);
    expect(await (await s.req(`${C}/team/leave`, { headers: as, method: 'POST' })).json()).toEqual({ left: 'solo', teamDeleted: true });
    expect((await s.req(`${C}/team/leave`, { who: 'hana', method: 'POST' })).status).toBe(404);
  });
});

describe('probes: phases', () => {
  it('the audit opens only after closing; closing reveals the private board and stops submissions', async () => {
    expect((await s.req(`${C}/phases/dev/audit`, { who: 'hana' })).status).toBe(409);
    const closed = await s.req(`${C}/phases/dev/close`, { who: 'hana', method: 'POST' });
    expect(closed.status).toBe(200);
    expect((await s.req(`${C}/phases/dev/close`, { who: 'root', method: 'POST' })).status).toBe(409);
    expect((await s.req(`${C}/leaderboard?split=private`)).status).toBe(200);
    expect((await s.req(`${C}/submissions`, { who: 'ann', form: fileForm(predictions(s.labels, 0.9, 99)) })).status).toBe(409);
    const audit = await (await s.req(`${C}/phases/dev/audit`, { who: 'hana' })).json() as { rows: unknown[]; spend: { teams: number } };
    expect(audit.spend.teams).toBe(3);
  });
});
