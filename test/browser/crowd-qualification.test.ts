import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/launch-chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { listen, type Listening } from '../../src/server/node.js';
import { createInProcessQueue } from '../../src/jobs/in-process-queue.js';
import { addAccountWorker } from '../../src/verify/workers.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';
import { crowdFixture, T0 } from '../verify/crowd-fixture.js';

let t: TempWorkspace;
let server: Listening;
let browser: Browser;
let token = '';

beforeAll(async () => {
  t = await tempWorkspace();
  await crowdFixture(t.ws, { name: 'q', settings: { qualification: { grids: 2, imagesPerGrid: 4, minAccuracy: 0.75, attempts: 2 } } });
  token = (await addAccountWorker(t.ws.store, 'pia', T0)).token;
  server = await listen(createApp({ ws: t.ws, jobs: createInProcessQueue() }), { port: 0, hostname: '127.0.0.1' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t.cleanup();
});

/** The practice images the worker should select on the grid now shown (known only to the host: read from the store). */
async function rightIds(page: Page): Promise<string[]> {
  const project = (await t.ws.store.findCrowdProject('q'))!;
  const pia = (await t.ws.store.findCrowdWorker({ name: 'pia' }))!;
  const [attempt] = await t.ws.store.crowdQualificationAttempts(project.id, pia.id);
  const shown = new Set(await page.locator('#grid .pick').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-id'))));
  return (await t.ws.store.crowdPracticeImages(attempt!.id)).filter((i) => shown.has(i.public_id) && i.expected === 1).map((i) => i.public_id);
}

describe('qualification in Chromium', () => {
  it('a worker passes the practice (with feedback on a mistake) and then gets a real task', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/crowd/projects/q/work?token=${token}`);
    await expect.poll(() => page.locator('#grid .pick').count()).toBe(4);
    expect(await page.locator('#practice-banner').textContent()).toMatch(/^Practice 1 of 2 \(attempt 1 of 2\)/);
    expect(await page.locator('#submit').textContent()).toBe('Check my answers');

    // First grid: select all right images but one.
    const first = await rightIds(page);
    for (const id of first.slice(1)) await page.locator(`#grid .pick[data-id="${id}"]`).click();
    await page.locator('#submit').click();
    await expect.poll(() => page.locator('#grid .tile.wrong').count()).toBe(1);
    expect(await page.locator('#grid .tile.wrong .pick').getAttribute('data-id')).toBe(first[0]);
    expect(await page.locator('#grid .tile.wrong .why').textContent()).toBe('should be selected');
    expect(await page.locator('#status').textContent()).toMatch(/^3 of 4 right\./);
    expect(await page.locator('#submit').textContent()).toBe('Continue');
    await page.locator('#submit').click();

    // Second grid: all right; the attempt passes (7 of 8 ≥ 75%).
    await expect.poll(() => page.locator('#practice-banner').textContent()).toMatch(/^Practice 2 of 2/);
    for (const id of await rightIds(page)) await page.locator(`#grid .pick[data-id="${id}"]`).click();
    await page.locator('#submit').click();
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/You passed the practice \(7 of 8 right\)/);
    await page.locator('#submit').click();

    // The real task: a full grid, no practice banner.
    await expect.poll(() => page.locator('#grid .pick').count()).toBe(8);
    expect(await page.locator('#practice-banner').isHidden()).toBe(true);
    expect(await page.locator('#submit').textContent()).toBe('Submit and continue');
    await page.locator('#grid .pick').nth(0).click();
    await page.locator('#submit').click();
    const project = (await t.ws.store.findCrowdProject('q'))!;
    const pia = (await t.ws.store.findCrowdWorker({ name: 'pia' }))!;
    await expect.poll(async () => (await t.ws.store.crowdAssignments(project.id, { workerId: pia.id })).map((a) => a.status)).toEqual(['submitted', 'accepted']);
    // Only the real task's click is a vote; practice answers never are.
    expect((await t.ws.store.crowdVotes(project.id, { workerId: pia.id })).assignmentId.length).toBe(1);
    await page.close();
  });
});
