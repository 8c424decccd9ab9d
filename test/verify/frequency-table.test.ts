import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { createInProcessQueue } from '../../src/jobs/in-process-queue.js';
import { frequencyRowsOfVotes, frequencyTable } from '../../src/verify/frequency-rows.js';
import { loadProjectVotes } from '../../src/verify/project-votes.js';
import { simulateCrowdWork } from '../../src/verify/simulate-crowd.js';
import { reviewByThreshold } from '../../src/verify/review-work.js';
import { classPosterior } from '../../src/verify/class-posterior.js';
import type { LoadedProject } from '../../src/verify/find-project.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';
import { crowdFixture, T0, WNIDS } from './crowd-fixture.js';

let t: TempWorkspace;
let loaded: LoadedProject;

beforeAll(async () => {
  t = await tempWorkspace();
  loaded = await crowdFixture(t.ws, { perClass: 20, controls: 6, settings: { assignmentsPerTask: 5 } });
  const app = createApp({ ws: t.ws, jobs: createInProcessQueue() });
  await simulateCrowdWork(t.ws.store, loaded, { workers: 8, seed: 9, spamRate: 0.25, fetch: async (p, i) => app.request(p, i), now: T0 });
});
afterAll(() => t.cleanup());

describe('frequencies from the store', () => {
  it('the database-aggregated path equals the full-vote path, before and after rejections', async () => {
    const check = async () => {
      const aggregated = (await frequencyTable(t.ws.store, loaded)).rows;
      const full = frequencyRowsOfVotes(await loadProjectVotes(t.ws.store, loaded.project.id));
      expect(aggregated).toEqual(full);
      return aggregated;
    };
    const before = await check();
    expect(before.filter((r) => r.roles.includes('candidate')).every((r) => r.shown === 5)).toBe(true);
    const review = await reviewByThreshold(t.ws.store, loaded, { minAccuracy: 0.75, per: 'assignment', minControls: 2, now: T0 });
    expect(review.rejected).toBeGreaterThan(0);
    const after = await check();
    const total = (rows: typeof before) => rows.reduce((s, r) => s + r.shown, 0);
    expect(total(before) - total(after)).toBeGreaterThan(0);
  });

  it('computes a Dawid–Skene posterior per class with controls clamped', async () => {
    const votes = await loadProjectVotes(t.ws.store, loaded.project.id, WNIDS[0]);
    const ds = classPosterior(votes, WNIDS[0]);
    expect(ds.result.converged).toBe(true);
    votes.pairs.forEach((p, i) => {
      if (p.roles.includes('positive')) expect(ds.posterior[i]).toBe(1);
      else if (p.roles.includes('negative')) expect(ds.posterior[i]).toBe(0);
      else expect(ds.posterior[i]).toBeGreaterThanOrEqual(0);
    });
    expect(ds.workers.length).toBeGreaterThan(0);
  });
});
