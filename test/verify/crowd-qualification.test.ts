import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { createInProcessQueue } from '../../src/jobs/in-process-queue.js';
import { addAccountWorker } from '../../src/verify/workers.js';
import { createProject } from '../../src/verify/create-project.js';
import { seededRng } from '../../src/stats/index.js';
import { planPracticeGrids, scorePractice } from '../../src/verify/core/index.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';
import { runHeldout } from '../helpers/run-heldout.js';
import { crowdFixture, T0 } from './crowd-fixture.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked field by field */
let t: TempWorkspace;
let app: ReturnType<typeof createApp>;
const tokens: Record<string, string> = {};

const api = async (path: string, token: string, body: unknown) => {
  const res = await app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
};
const next = (who: string) => api('/api/crowd/projects/q/next', tokens[who]!, {});
const practice = (who: string) => api('/api/crowd/projects/q/practice', tokens[who]!, {});
const answer = (who: string, body: unknown) => api('/api/crowd/projects/q/practice/answer', tokens[who]!, body);
/** The right selection for a practice grid (read from the store, as only the host can). */
const rightAnswer = async (grid: any) => {
  const images = await t.ws.store.crowdPracticeImages(grid.attempt.id);
  return images.filter((i) => i.grid === grid.grid.index && i.expected === 1).map((i) => i.public_id);
};
const wrongAnswer = async (grid: any) => {
  const right = new Set(await rightAnswer(grid));
  return grid.images.map((i: any) => i.id).filter((id: string) => !right.has(id));
};

beforeAll(async () => {
  t = await tempWorkspace();
  await crowdFixture(t.ws, { name: 'q', settings: { qualification: { grids: 2, imagesPerGrid: 4, minAccuracy: 0.75, attempts: 2 } } });
  for (const name of ['ann', 'bob', 'cat']) tokens[name] = (await addAccountWorker(t.ws.store, name, T0)).token;
  app = createApp({ ws: t.ws, jobs: createInProcessQueue() });
});
afterAll(() => t.cleanup());

describe('qualification (practice before real tasks)', () => {
  it('plans grids of half positives, half negatives, reproducibly; scores answers', () => {
    const items = (p: string, n: number) => Array.from({ length: n }, (_, i) => ({ itemId: i, sha256: `${p}${i}` }));
    const classes = [{ wnid: 'n1', positives: items('a', 5), negatives: items('b', 5) }, { wnid: 'n2', positives: items('c', 1), negatives: [] }];
    const grids = planPracticeGrids(classes, { grids: 3, imagesPerGrid: 5 }, seededRng(3));
    expect(grids.map((g) => g.wnid)).toEqual(['n1', 'n1', 'n1']); // n2 has no negatives
    expect(grids.every((g) => g.images.filter((i) => i.expected).length === 3 && g.images.length === 5)).toBe(true);
    expect(planPracticeGrids(classes, { grids: 3, imagesPerGrid: 5 }, seededRng(3))).toEqual(grids);
    expect(scorePractice([{ expected: true, selected: true }, { expected: false, selected: true }, { expected: false, selected: false }])).toEqual({ correct: 2, total: 3 });
  });

  it('gives no real task before the practice is passed', async () => {
    const before = await t.ws.store.tableCounts();
    expect((await next('ann')).body).toEqual({ kind: 'qualification', state: 'required' });
    expect((await t.ws.store.tableCounts()).crowd_assignments).toBe(before.crowd_assignments);
  });

  it('a worker practises with feedback on mistakes, passes, then gets real tasks; practice is never a vote', async () => {
    const votes = (await t.ws.store.tableCounts()).crowd_votes;
    const g0 = (await practice('ann')).body;
    expect(g0).toMatchObject({ kind: 'practice', attempt: { number: 1, attempts: 2, minAccuracy: 0.75 }, grid: { index: 0, grids: 2 } });
    expect(g0.images).toHaveLength(4);
    const text = JSON.stringify(g0);
    expect(text).not.toMatch(/[0-9a-f]{64}/);
    expect(text).not.toMatch(/expected|positive|negative/);
    expect((await app.request(g0.images[0].url)).status).toBe(200);
    // Asking again resumes the same grid.
    expect((await practice('ann')).body.images).toEqual(g0.images);

    // Refusals write nothing.
    const counts = await t.ws.store.tableCounts();
    expect((await answer('ann', { attempt: g0.attempt.id, grid: 1, selected: [] })).status).toBe(400);
    expect((await answer('ann', { attempt: g0.attempt.id, grid: 0, selected: ['AAAAAAAAAAAAAAAA'] })).body.code).toBe('unknown-images');
    expect((await answer('bob', { attempt: g0.attempt.id, grid: 0, selected: [] })).status).toBe(404);
    expect((await answer('ann', { attempt: g0.attempt.id, grid: 0, selected: [], extra: 1 })).status).toBe(400);
    expect(await t.ws.store.tableCounts()).toEqual(counts);
    expect((await t.ws.store.crowdPracticeImages(g0.attempt.id)).every((i) => i.answer === null)).toBe(true);

    // One mistake on the first grid: feedback names it and the right answer.
    const right0 = await rightAnswer(g0);
    const missed = right0[0]!;
    const r0 = await answer('ann', { attempt: g0.attempt.id, grid: 0, selected: right0.slice(1) });
    expect(r0.status).toBe(200);
    expect(r0.body).toEqual({ grid: { index: 0, correct: 3, total: 4 }, mistakes: [{ id: missed, expected: true }] });
    expect((await answer('ann', { attempt: g0.attempt.id, grid: 0, selected: right0 })).body.code).toBe('already-submitted');

    const g1 = (await practice('ann')).body;
    expect(g1.grid.index).toBe(1);
    const r1 = await answer('ann', { attempt: g1.attempt.id, grid: 1, selected: await rightAnswer(g1) });
    expect(r1.body).toMatchObject({ grid: { correct: 4, total: 4 }, mistakes: [], result: { passed: true, correct: 7, total: 8, minAccuracy: 0.75, attemptsLeft: 1 } });
    expect((await t.ws.store.tableCounts()).crowd_votes).toBe(votes);

    expect((await practice('ann')).body).toEqual({ kind: 'qualified' });
    const task = (await next('ann')).body;
    expect(task.kind).toBe('task');
    expect(task.images).toHaveLength(8);
  });

  it('a worker who fails may retry once (two attempts), then is told so and gets nothing', async () => {
    for (const attempt of [1, 2]) {
      expect((await next('bob')).body).toEqual({ kind: 'qualification', state: 'required' });
      let result: any;
      for (const grid of [0, 1]) {
        const g = (await practice('bob')).body;
        expect(g).toMatchObject({ kind: 'practice', attempt: { number: attempt }, grid: { index: grid } });
        const r = (await answer('bob', { attempt: g.attempt.id, grid, selected: await wrongAnswer(g) })).body;
        expect(r.mistakes).toHaveLength(4);
        result = r.result;
      }
      expect(result).toEqual({ passed: false, correct: 0, total: 8, minAccuracy: 0.75, attemptsLeft: 2 - attempt });
    }
    expect((await next('bob')).body).toEqual({ kind: 'qualification', state: 'failed' });
    expect((await practice('bob')).body).toMatchObject({ kind: 'failed', passed: false, attemptsLeft: 0 });
    const project = (await t.ws.store.findCrowdProject('q'))!;
    const bob = (await t.ws.store.findCrowdWorker({ name: 'bob' }))!;
    expect(await t.ws.store.crowdAssignments(project.id, { workerId: bob.id })).toEqual([]);
    expect((await t.ws.store.crowdQualificationAttempts(project.id, bob.id)).map((a) => a.status)).toEqual(['failed', 'failed']);
  });

  it('heldout crowd project set turns the qualification off and on again', async () => {
    const off = await runHeldout(t.dataDir, 'crowd', 'project', 'set', 'q', '--no-qualification', '--json');
    expect(off.err).toBe('');
    expect(JSON.parse(off.out).qualification).toBeNull();
    expect((await next('cat')).body.kind).toBe('task');
    const on = await runHeldout(t.dataDir, 'crowd', 'project', 'set', 'q', '--qualification', '1', '--qualification-min-accuracy', '0.5', '--json');
    expect(JSON.parse(on.out).qualification).toEqual({ grids: 1, imagesPerGrid: 12, minAccuracy: 0.5, attempts: 2 });
    expect((await next('ann')).body.kind).toBe('task'); // passed before: still qualified
    expect((await next('cat')).body).toEqual({ kind: 'qualification', state: 'required' });
    const bad = await runHeldout(t.dataDir, 'crowd', 'project', 'set', 'q');
    expect([bad.code, bad.err]).toEqual([2, 'heldout: crowd project set: give --qualification N (with its options) or --no-qualification\n']);
  });

  it('needs a controls split', async () => {
    await expect(createProject(t.ws.store, { name: 'nq', dataset: 'fm', split: 'pool', settings: { qualification: { grids: 1 } } }, T0))
      .rejects.toThrow(/--qualification needs --controls-from/);
  });
});
