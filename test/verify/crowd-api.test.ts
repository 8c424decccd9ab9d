import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { createInProcessQueue } from '../../src/jobs/in-process-queue.js';
import { addAccountWorker } from '../../src/verify/workers.js';
import type { LoadedProject } from '../../src/verify/find-project.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';
import { crowdFixture, T0 } from './crowd-fixture.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked field by field */
let t: TempWorkspace;
let app: ReturnType<typeof createApp>;
let project: LoadedProject;
const tokens: Record<string, string> = {};

const api = (path: string, token: string | undefined, body: unknown, headers: Record<string, string> = {}) =>
  app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const next = async (token: string) => (await (await api('/api/crowd/projects/p/next', token, {})).json()) as any;

beforeAll(async () => {
  t = await tempWorkspace();
  project = await crowdFixture(t.ws);
  for (const name of ['ann', 'bob', 'cat']) tokens[name] = (await addAccountWorker(t.ws.store, name, T0)).token;
  app = createApp({ ws: t.ws, jobs: createInProcessQueue() });
});
afterAll(() => t.cleanup());

describe('worker API', () => {
  it('gives a task whose images are opaque: no sha256, no role, ids unrelated to the image', async () => {
    const task = await next(tokens.ann!);
    expect(task.kind).toBe('task');
    expect(task.task.question).toMatch(/^Which of these images contain at least one object of type: /);
    expect(task.task.definition.length).toBeGreaterThan(5);
    expect(task.images).toHaveLength(8);
    const text = JSON.stringify(task);
    expect(text).not.toMatch(/[0-9a-f]{64}/);
    expect(text).not.toMatch(/candidate|positive|negative/);
    const img = await app.request(task.images[0].url);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/png');
    expect(img.headers.get('etag')).toBeNull();
    expect((await img.arrayBuffer()).byteLength).toBeGreaterThan(50);
    // Asking again resumes the same lease.
    expect((await next(tokens.ann!)).assignment).toMatchObject({ id: task.assignment.id, resumed: true });
  });

  it('records a submit and moves on to the next task', async () => {
    const task = await next(tokens.ann!);
    const before = await t.ws.store.tableCounts();
    const res = await api(`/api/crowd/assignments/${task.assignment.id}/submit`, tokens.ann, { selected: task.images.slice(0, 3).map((i: any) => i.id), durationMs: 5400 });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ assignmentId: task.assignment.id, selected: 3 });
    const after = await t.ws.store.tableCounts();
    expect(after.crowd_votes! - before.crowd_votes!).toBe(3);
    const second = await next(tokens.ann!);
    expect(second.kind).toBe('task');
    expect(second.task.id).not.toBe(task.task.id);
    const stored = (await t.ws.store.crowdAssignments(project.project.id)).find((a) => a.id === task.assignment.id);
    expect(stored).toMatchObject({ status: 'submitted', duration_ms: 5400 });
  });

  it('refuses malformed posts with a clear JSON error and writes nothing', async () => {
    const mine = await next(tokens.bob!);
    const ids = mine.images.map((i: any) => i.id);
    const submit = (token: string | undefined, body: unknown, id = mine.assignment.id, headers?: Record<string, string>) => api(`/api/crowd/assignments/${id}/submit`, token, body, headers);
    const cases: Array<[string, () => Response | Promise<Response>, number, string]> = [
      ['other worker\'s assignment', () => submit(tokens.cat, { selected: [] }), 403, 'not-yours'],
      ['unknown image ids', () => submit(tokens.bob, { selected: [ids[0], 'AAAAAAAAAAAAAAAA'] }), 422, 'unknown-images'],
      ['an id listed twice', () => submit(tokens.bob, { selected: [ids[0], ids[0]] }), 400, 'bad-request'],
      ['unknown assignment', () => submit(tokens.bob, { selected: [] }, 987654), 404, 'not-found'],
      ['non-numeric assignment', () => submit(tokens.bob, { selected: [] }, 'abc'), 404, 'not-found'],
      ['no identity', () => submit(undefined, { selected: [] }), 401, 'no-identity'],
      ['a bad token', () => submit('nope', { selected: [] }), 401, 'no-identity'],
      ['not JSON', () => submit(tokens.bob, '{"selected": [', undefined), 400, 'bad-request'],
      ['a form post', () => submit(tokens.bob, 'selected=x', undefined, { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'not-json'],
      ['extra fields', () => submit(tokens.bob, { selected: [], role: 'x' }), 400, 'bad-request'],
      ['a negative duration', () => submit(tokens.bob, { selected: [], durationMs: -1 }), 400, 'bad-request'],
      ['an oversized body', () => submit(tokens.bob, { selected: Array.from({ length: 3000 }, () => 'x'.repeat(16)) }), 413, 'too-large'],
    ];
    for (const [what, call, status, code] of cases) {
      const before = await t.ws.store.tableCounts();
      const res = await call();
      const body = (await res.json()) as any;
      expect([what, res.status, body.code]).toEqual([what, status, code]);
      expect(typeof body.error).toBe('string');
      expect(await t.ws.store.tableCounts()).toEqual(before);
    }
    // Duplicate submit: the first counts, the second is refused and writes nothing.
    expect((await submit(tokens.bob, { selected: [ids[1]] })).status).toBe(200);
    const before = await t.ws.store.tableCounts();
    const dup = await submit(tokens.bob, { selected: [ids[1]] });
    expect([dup.status, ((await dup.json()) as any).code]).toEqual([409, 'already-submitted']);
    expect(await t.ws.store.tableCounts()).toEqual(before);
  });

  it('refuses a submit after the lease expired, and the task goes back to the pool', async () => {
    const w = await addAccountWorker(t.ws.store, 'late', T0);
    // A lease taken long ago (the store takes the time as an argument) has expired by now.
    const claim = await t.ws.store.claimCrowdTask({ projectId: project.project.id, workerId: w.worker.id, now: new Date(Date.now() - 3_600_000), leaseMs: 600_000 });
    const before = await t.ws.store.tableCounts();
    const res = await api(`/api/crowd/assignments/${claim!.assignment.id}/submit`, w.token, { selected: [] });
    expect([res.status, ((await res.json()) as any).code]).toEqual([410, 'expired']);
    expect(await t.ws.store.tableCounts()).toEqual(before);
  });

  it('lets a worker hand a task back', async () => {
    const task = await next(tokens.cat!);
    expect((await api(`/api/crowd/assignments/${task.assignment.id}/return`, tokens.cat, {})).status).toBe(200);
    expect((await api(`/api/crowd/assignments/${task.assignment.id}/return`, tokens.cat, {})).status).toBe(404);
  });

  it('refuses work from blocked workers', async () => {
    const w = await addAccountWorker(t.ws.store, 'blocked-one', T0);
    await t.ws.store.setCrowdWorkerBlocked(w.worker.id, true);
    const res = await api('/api/crowd/projects/p/next', w.token, {});
    expect([res.status, ((await res.json()) as any).code]).toEqual([403, 'blocked']);
  });
});

describe('worker page and identities', () => {
  it('turns a token link into a cookie and drops the token from the address', async () => {
    const res = await app.request(`/crowd/projects/p/work?token=${tokens.ann}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/crowd/projects/p/work');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/heldout_worker=.*HttpOnly.*SameSite=Lax/i);
    const page = await app.request('/crowd/projects/p/work', { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script src="/crowd/assets/work.js" defer>');
    expect((await app.request('/crowd/projects/p/work?token=wrong')).status).toBe(401);
    expect((await app.request('/crowd/projects/p/work')).status).toBe(401);
    expect((await app.request('/crowd/assets/work.js')).headers.get('content-type')).toMatch(/javascript/);
  });

  it('gives a panel worker a completion code after the session\'s tasks', async () => {
    await crowdFixture(t.ws, { name: 'panel', settings: { panel: { completionCode: 'C0DE42', redirectUrl: 'https://panel.example/done?cc={code}', tasksPerSession: 2 } } });
    const page = await app.request('/crowd/projects/panel/work?PROLIFIC_PID=abc123&STUDY_ID=s1&SESSION_ID=x9');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('"session":"x9"');
    const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
    const call = async (path: string, body: unknown) => (await (await api(path, undefined, body, { cookie })).json()) as any;
    for (let i = 0; i < 2; i++) {
      const task = await call('/api/crowd/projects/panel/next', { study: 's1', session: 'x9' });
      expect(task.kind).toBe('task');
      await call(`/api/crowd/assignments/${task.assignment.id}/submit`, { selected: [] });
    }
    expect(await call('/api/crowd/projects/panel/next', { study: 's1', session: 'x9' })).toEqual({
      kind: 'done', reason: 'session-complete', submitted: 2, completionCode: 'C0DE42', redirectUrl: 'https://panel.example/done?cc=C0DE42',
    });
    const w = await t.ws.store.findCrowdWorker({ name: 'prolific:abc123' });
    expect(w).toMatchObject({ kind: 'panel', external_id: 'abc123', simulated: 0 });
    const work = await t.ws.store.crowdAssignments((await t.ws.store.findCrowdProject('panel'))!.id, { workerId: w!.id });
    expect(work.map((a) => [a.panel_study, a.panel_session])).toEqual([['s1', 'x9'], ['s1', 'x9']]);
  });

  it('gives anonymous visitors a worker id by cookie when the project allows it', async () => {
    await crowdFixture(t.ws, { name: 'open', settings: { allowVisitors: true } });
    const page = await app.request('/crowd/projects/open/work');
    expect(page.status).toBe(200);
    const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
    const task = (await (await api('/api/crowd/projects/open/next', undefined, {}, { cookie })).json()) as any;
    expect(task.kind).toBe('task');
    expect((await t.ws.store.listCrowdWorkers()).some((w) => w.kind === 'visitor')).toBe(true);
  });
});

describe('host pages', () => {
  it('shows progress, classes, workers; public JSON leaves out images from hidden splits', async () => {
    for (const path of ['/crowd', '/crowd/projects/p', '/crowd/projects/p/classes/n04197391', '/crowd/projects/p/workers']) {
      const res = await app.request(path);
      expect([path, res.status]).toEqual([path, 200]);
    }
    expect(await (await app.request('/crowd/projects/p/workers')).text()).toContain('ann');
    const rows = (await (await app.request('/api/crowd/projects/p/frequencies')).json()) as any[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.roles.length === 1 && r.roles[0] === 'candidate')).toBe(true);
    expect(Object.keys(rows[0]).slice(0, 5)).toEqual(['image', 'wnid', 'selected', 'shown', 'frequency']);
    expect((await app.request('/api/crowd/projects/p/frequencies?class=bad')).status).toBe(400);
    expect((await app.request('/crowd/projects/nope')).status).toBe(404);
    const progress = (await (await app.request('/api/crowd/projects/p/progress')).json()) as any[];
    expect(progress.map((c) => c.wnid)).toHaveLength(3);
  });
});
