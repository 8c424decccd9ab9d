import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHeldout } from '../helpers/run-heldout.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';
import { crowdFixture } from './crowd-fixture.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- CLI JSON is checked field by field */
let t: TempWorkspace;
const run = (...args: string[]) => runHeldout(t.dataDir, ...args);
const json = async (...args: string[]) => {
  const r = await run(...args, '--json');
  // Only progress lines ("phase: done/total") may reach stderr.
  expect(r.err.split('\n').filter((l) => l && !/^\w+: \d+\/\d+$/.test(l))).toEqual([]);
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as any;
};

beforeAll(async () => {
  t = await tempWorkspace();
  await crowdFixture(t.ws, { name: 'seeded', perClass: 10 });
  await t.ws.close();
});
afterAll(() => t.cleanup());

describe('heldout crowd', () => {
  it('creates a project with negatives from the most similar class, and its tasks', async () => {
    const p = await json('crowd', 'project', 'create', 'q', '--dataset', 'fm', '--split', 'pool', '--controls-from', 'fm:test',
      '--candidates', '6', '--positives', '1', '--negatives', '1', '--assignments', '4', '--completion-code', 'XYZ');
    expect(p.settings).toMatchObject({ assignmentsPerTask: 4, composition: { candidates: 6, positives: 1, negatives: 1 }, panel: { completionCode: 'XYZ', workerParam: 'PROLIFIC_PID' } });
    // T-shirt (n03595614) is closest to shirt (n04197391): path similarity 0.5.
    expect(p.classes.find((c: any) => c.wnid === 'n03595614')).toMatchObject({ negativeWnid: 'n04197391', candidates: 10, positives: 4, negatives: 4 });
    const tasks = await json('crowd', 'tasks', 'create', '--project', 'q');
    expect(tasks.classes.map((c: any) => [c.tasks, c.candidates])).toEqual([[2, 10], [2, 10], [2, 10]]);
    // Rerunning creates nothing: every candidate is covered by open slots.
    expect((await json('crowd', 'tasks', 'create', '--project', 'q')).classes.every((c: any) => c.tasks === 0 && c.covered === 10)).toBe(true);
    expect((await json('crowd', 'project', 'list')).map((x: any) => x.name)).toEqual(['q', 'seeded']);
  });

  it('adds a worker and prints the token once', async () => {
    const w = await json('crowd', 'worker', 'add', 'alice');
    expect(w.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const again = await run('crowd', 'worker', 'add', 'alice');
    expect([again.code, again.err]).toEqual([2, 'heldout: a worker named "alice" already exists\n']);
  });

  it('simulates workers through the HTTP API and reports frequencies with the contract columns', async () => {
    const s = await json('crowd', 'simulate', '--project', 'q', '--workers', '6', '--seed', '5', '--spam-rate', '0.3');
    expect(s.submitted).toBe(6 * 4); // 6 tasks × 4 assignments
    expect(s.errors).toBe(0);
    const csv = await run('crowd', 'frequencies', '--project', 'q', '--csv');
    expect(csv.code).toBe(0);
    const rows = parse(csv.out, { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0]!).slice(0, 5)).toEqual(['image', 'wnid', 'selected', 'shown', 'frequency']);
    const candidates = rows.filter((r) => r.roles === 'candidate');
    expect(candidates).toHaveLength(30);
    expect(candidates.every((r) => r.shown === '4' && Number(r.frequency) === Number(r.selected) / 4)).toBe(true);
    const one = await json('crowd', 'frequencies', '--project', 'q', '--class', 'n03057021', '--posterior');
    expect(new Set(one.map((r: any) => r.wnid))).toEqual(new Set(['n03057021']));
    expect(one.every((r: any) => r.posterior >= 0 && r.posterior <= 1)).toBe(true);
    const workers = await json('crowd', 'workers', '--project', 'q');
    expect(workers).toHaveLength(6);
    expect(workers.every((w: any) => w.simulated && w.kind === 'simulated' && w.controls.total === 8)).toBe(true);
  });

  it('rejects work by control accuracy; rejected work drops out of the frequencies', async () => {
    const before = await json('crowd', 'frequencies', '--project', 'q');
    const review = await json('crowd', 'review', '--project', 'q', '--min-accuracy', '0.7', '--per', 'worker', '--block');
    expect(review.rejected).toBeGreaterThan(0);
    expect(review.rejected).toBeLessThan(24);
    const after = await json('crowd', 'frequencies', '--project', 'q');
    // Tasks hold 8 images (6 candidates + 2 controls) or 6 (the last 4 candidates of a class + 2 controls).
    const shown = (rows: any[]) => rows.reduce((s, r) => s + r.shown, 0);
    expect(shown(before)).toBe(4 * 3 * (8 + 6));
    expect(shown(before) - shown(after)).toBeGreaterThanOrEqual(review.rejected * 6);
    expect(shown(before) - shown(after)).toBeLessThanOrEqual(review.rejected * 8);
    const byImage = new Map(before.map((r: any) => [`${r.image} ${r.wnid}`, r]));
    for (const r of after) expect(r.shown).toBeLessThanOrEqual((byImage.get(`${r.image} ${r.wnid}`) as any).shown);
    const workers = await json('crowd', 'workers', '--project', 'q');
    expect(workers.filter((w: any) => w.blocked).map((w: any) => w.name).sort()).toEqual([...review.blocked].sort());
    // The freed slots are topped up by new assignments, not new tasks (candidates are still covered by open slots).
    expect((await json('crowd', 'tasks', 'create', '--project', 'q')).classes.every((c: any) => c.tasks === 0)).toBe(true);
    const progress = await json('crowd', 'progress', '--project', 'q');
    expect(progress.reduce((s: number, c: any) => s + c.rejectedAssignments, 0)).toBe(review.rejected);
    expect(progress.some((c: any) => c.fleiss.interval && c.krippendorff.units > 0)).toBe(true);
  });

  it('approves and rejects by id and by worker', async () => {
    const r = await json('crowd', 'review', '--project', 'q', '--approve', '1,2');
    expect(r.approved).toBeGreaterThanOrEqual(0);
    const bad = await run('crowd', 'review', '--project', 'q');
    expect(bad.code).toBe(2);
    const byWorker = await json('crowd', 'review', '--project', 'q', '--worker', 'sim-q-5-1', '--decision', 'approve');
    expect(byWorker.rejected).toBe(0);
  });

  it('explains bad input in one line with exit code 2', async () => {
    for (const args of [
      ['crowd', 'frequencies'],
      ['crowd', 'frequencies', '--project', 'nope'],
      ['crowd', 'frequencies', '--project', 'q', '--class', 'n1'],
      ['crowd', 'project', 'create', 'bad name', '--dataset', 'fm', '--split', 'pool'],
      ['crowd', 'project', 'create', 'x', '--dataset', 'fm', '--split', 'nope'],
      ['crowd', 'project', 'create', 'x', '--dataset', 'fm', '--split', 'pool', '--classes', 'n00000001'],
      ['crowd', 'simulate', '--project', 'q', '--workers', '0', '--seed', '1'],
      ['crowd', 'review', '--project', 'q', '--min-accuracy', '2'],
    ]) {
      const r = await run(...args);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), 2]);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('heldout crowd tasks top-up', () => {
  it('creates top-up tasks until every class has enough annotated references, and none on a rerun', async () => {
    // The fixture has 4 verified images per class; ask for 3 references with 6 annotations (3 assignments per task).
    const first = await json('crowd', 'tasks', 'top-up', '--project', 'seeded', '--references', '3', '--annotations', '6');
    expect(first).toHaveLength(3);
    for (const c of first) {
      expect(c.references).toBe(4);
      expect(c.covered + c.toppedUp).toBe(3);
      expect(c.shortfall).toBe(0);
    }
    const again = await json('crowd', 'tasks', 'top-up', '--project', 'seeded', '--references', '3', '--annotations', '6');
    expect(again.every((c: any) => c.tasks === 0 && c.covered >= 3)).toBe(true);
    const short = await json('crowd', 'tasks', 'top-up', '--project', 'seeded', '--references', '9', '--annotations', '6', '--classes', 'n04197391');
    expect(short[0]).toMatchObject({ wnid: 'n04197391', references: 4, shortfall: 5 });
  });
});
