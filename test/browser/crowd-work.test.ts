import type { Browser } from 'playwright-core';
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
  await crowdFixture(t.ws);
  token = (await addAccountWorker(t.ws.store, 'ann', T0)).token;
  server = await listen(createApp({ ws: t.ws, jobs: createInProcessQueue() }), { port: 0, hostname: '127.0.0.1' });
  // The panel project needs the server's address for its redirect (a real panel would be elsewhere).
  await crowdFixture(t.ws, { name: 'panel', settings: { panel: { completionCode: 'HELD-0UT', redirectUrl: `${server.url}/healthz?cc={code}`, tasksPerSession: 1 } } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t.cleanup();
});

describe('worker page in Chromium', () => {
  it('a worker opens a task, selects three images, submits and gets the next task', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/crowd/projects/p/work?token=${token}`);
    expect(new URL(page.url()).search).toBe(''); // the token left the address bar
    await expect.poll(() => page.locator('#grid .pick').count()).toBe(8);
    const question = await page.locator('#question').textContent();
    expect(question).toMatch(/^Which of these images contain at least one object of type: /);
    expect(await page.locator('#definition').textContent()).toMatch(/^Definition: /);
    // Images load through opaque URLs.
    const srcs = await page.locator('#grid img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src')));
    expect(srcs.every((s) => /^\/crowd\/i\/[A-Za-z0-9_-]{16}$/.test(s ?? ''))).toBe(true);
    await expect.poll(() => page.locator('#grid img').evaluateAll((imgs) => imgs.every((i) => (i as unknown as { naturalWidth: number }).naturalWidth === 16))).toBe(true);

    // Two clicks and one keyboard toggle (arrow to the next image, Space).
    const picks = page.locator('#grid .pick');
    await picks.nth(0).click();
    await picks.nth(3).click();
    await picks.nth(3).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Space');
    expect(await picks.nth(4).getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('#count').textContent()).toBe('3 images selected');
    // A larger view on demand, closed with Escape.
    await page.keyboard.press('v');
    expect(await page.locator('#lightbox').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await page.locator('#lightbox').isHidden()).toBe(true);

    const firstIds = await picks.evaluateAll((bs) => bs.map((b) => b.getAttribute('data-id')));
    await page.locator('#submit').click();
    await expect.poll(async () => picks.first().getAttribute('data-id')).not.toBe(firstIds[0]);
    expect(await page.locator('#count').textContent()).toBe('0 images selected');

    const project = (await t.ws.store.findCrowdProject('p'))!;
    const ann = (await t.ws.store.findCrowdWorker({ name: 'ann' }))!;
    const work = await t.ws.store.crowdAssignments(project.id, { workerId: ann.id });
    expect(work.map((a) => a.status)).toEqual(['submitted', 'accepted']);
    expect(work[0]!.duration_ms).toBeGreaterThan(0);
    expect((await t.ws.store.crowdVotes(project.id, { workerId: ann.id })).assignmentId.length).toBe(3);
    await page.close();
  });

  it('an external panel worker receives the completion code', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/crowd/projects/panel/work?PROLIFIC_PID=5f00aa&STUDY_ID=study1&SESSION_ID=sess1`);
    await expect.poll(() => page.locator('#grid .pick').count()).toBe(8);
    await page.locator('#grid .pick').nth(2).click();
    await page.locator('#submit').click();
    await expect.poll(() => page.locator('#code').textContent()).toBe('HELD-0UT');
    expect(await page.locator('#code-box').isVisible()).toBe(true);
    expect(await page.locator('#redirect').getAttribute('href')).toBe(`${server.url}/healthz?cc=HELD-0UT`);
    // …and is sent on to the panel after a few seconds.
    await page.waitForURL(/\/healthz\?cc=HELD-0UT$/, { timeout: 10_000 });
    const w = await t.ws.store.findCrowdWorker({ name: 'prolific:5f00aa' });
    expect(w?.kind).toBe('panel');
    await page.close();
  });

  it('fits a phone: four images per row and the submit bar in view', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    // A new worker, whose first task is the first (full) grid.
    const phone = await addAccountWorker(t.ws.store, 'phone', T0);
    await context.addCookies([{ name: 'heldout_worker', value: phone.token, url: server.url }]);
    const page = await context.newPage();
    await page.goto(`${server.url}/crowd/projects/p/work`);
    await expect.poll(() => page.locator('#grid .pick').count()).toBe(8);
    const boxes = await page.locator('#grid .tile').evaluateAll((ts) => ts.slice(0, 5).map((x) => x.getBoundingClientRect().top));
    expect(boxes.slice(0, 4).every((top) => top === boxes[0])).toBe(true);
    expect(boxes[4]).toBeGreaterThan(boxes[0]!);
    await page.locator('#grid .pick').nth(1).tap();
    expect(await page.locator('#grid .pick').nth(1).getAttribute('aria-pressed')).toBe('true');
    const bar = await page.locator('#submit').boundingBox();
    expect(bar!.y + bar!.height).toBeLessThanOrEqual(844);
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await context.close();
  });
});
