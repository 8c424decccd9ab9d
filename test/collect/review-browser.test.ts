import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/launch-chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { listen, type Listening } from '../../src/server/node.js';
import { createInProcessQueue } from '../../src/jobs/in-process-queue.js';
import { addUser } from '../../src/challenges/accounts.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';
import { reviewFixture } from './review-fixture.js';

let t: TempWorkspace;
let server: Listening;
let browser: Browser;

beforeAll(async () => {
  t = await tempWorkspace();
  await reviewFixture(t.ws, t.scratch);
  await addUser(t.ws.store, { name: 'hana', role: 'host', password: 'review-password' }, new Date());
  server = await listen(createApp({ ws: t.ws, jobs: createInProcessQueue() }), { port: 0, hostname: '127.0.0.1' });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t.cleanup();
});

describe('review page in Chromium', () => {
  it('shows pairs side by side and, signed in as a host, decides them with the s and d keys', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/collect/pools/pool/review`);
    expect(await page.textContent('main')).toContain('needs a host account');
    await Promise.all([page.waitForURL(/\/login/), page.click('text=sign in')]);
    await page.fill('input[name=name]', 'hana');
    await page.fill('input[name=password]', 'review-password');
    await Promise.all([page.waitForURL(/\/review$/), page.press('input[name=password]', 'Enter')]);
    expect(await page.textContent('main')).toContain('Deciding as hana (host)');
    expect(await page.locator('#progress').textContent()).toBe('0 of 2');
    await expect.poll(() => page.locator('.pair img').evaluateAll((imgs) => imgs.map((i) => (i as unknown as { naturalWidth: number }).naturalWidth))).toEqual([256, 200]);
    await Promise.all([page.waitForURL(/\/review$/), page.keyboard.press('s')]);
    await expect.poll(() => page.locator('#progress').textContent()).toBe('1 of 2');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('d')]);
    await expect.poll(() => page.locator('#progress').textContent()).toBe('2 of 2');
    expect(await page.textContent('main')).toContain('Nothing left to review');
    const pool = (await t.ws.store.findPool('pool'))!;
    expect((await t.ws.store.listPairs(pool.id)).map((p) => p.decision).sort()).toEqual(['different', 'same']);
    expect((await t.ws.store.listPairs(pool.id)).map((p) => p.reviewer)).toEqual(['hana', 'hana']);
  });
});
