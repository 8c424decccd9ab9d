import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/launch-chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { listen, type Listening } from '../../src/server/node.js';
import { createInProcessQueue } from '../../src/jobs/in-process-queue.js';
import type { JobQueue } from '../../src/jobs/queue.js';
import { loadChallenge } from '../../src/challenges/load-challenge.js';
import { createTeam } from '../../src/challenges/teams.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';
import { arena, config, predictions, type Arena } from '../challenges/fixture.js';

let t: TempWorkspace;
let a: Arena;
let jobs: JobQueue;
let server: Listening;
let browser: Browser;
let inviteCode = '';

beforeAll(async () => {
  t = await tempWorkspace();
  jobs = createInProcessQueue();
  // Phases around the real clock: the browser judges cookie expiry by it.
  a = await arena(t.ws, { jobs, config: config({ phases: [{ name: 'dev', start: '2020-01-01T00:00:00Z', end: '2100-01-01T00:00:00Z', quota: { perDay: 5 } }] }) });
  const c = await loadChallenge(a.env, 'fm-challenge');
  inviteCode = (await createTeam(a.env, c, (await t.ws.store.findUser({ name: 'bob' }))!, 'alpha')).invite_code;
  server = await listen(createApp({ ws: t.ws, jobs }), { port: 0, hostname: '127.0.0.1' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await jobs?.close();
  await t.cleanup();
});

describe('challenge pages in Chromium', () => {
  it('a participant registers, joins a team, submits with progress, and sees the leaderboard', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/register`);
    await page.fill('input[name=name]', 'zoe');
    await page.fill('input[name=password]', 'zoe-secret-1');
    await page.click('button[type=submit]');
    await page.waitForURL(`${server.url}/challenges`);
    expect(await page.locator('.userbar').textContent()).toContain('Signed in as zoe (participant)');

    await page.click('text=FM challenge');
    await page.click('a[href="/challenges/fm-challenge/team"]');
    await page.fill('input[name=code]', 'not-a-code');
    await page.click('text=Join team');
    expect(await page.locator('p.error').textContent()).toBe('no team of this challenge has that invite code');
    await page.fill('input[name=code]', inviteCode);
    await page.click('text=Join team');
    expect(await page.locator('p.ok').textContent()).toBe('You joined team alpha.');
    expect(await page.locator('#team-name').textContent()).toBe('alpha');

    await page.goto(`${server.url}/challenges/fm-challenge`);
    // A bad file: the server's one-line reason appears in place, nothing is stored.
    await page.setInputFiles('input[type=file]', { name: 'bad.txt', mimeType: 'text/plain', buffer: Buffer.from('1\n2\n') });
    await page.click('#submit-form button[type=submit]');
    await expect.poll(() => page.locator('#upload-status.error').textContent()).toBe('bad.txt has 2 rows but the challenge image list has 200 labels; line i of the predictions must be image i of the labels');
    expect(await t.ws.store.listSubmissions({ baselines: false })).toHaveLength(0);

    await page.setInputFiles('input[type=file]', { name: 'preds.txt', mimeType: 'text/plain', buffer: Buffer.from(predictions(a.labels, 0.8, 5)) });
    await page.fill('input[name=message]', 'first try');
    await page.click('#submit-form button[type=submit]');
    await expect.poll(() => page.locator('#upload-status').textContent()).toMatch(/^Submission \d+ accepted; scoring/);
    expect(await page.locator('#upload-progress').getAttribute('value')).toBe('100');
    await page.waitForURL(`${server.url}/challenges/fm-challenge/submissions`);
    await expect.poll(async () => {
      await page.reload();
      return page.locator('#submissions td.status').first().textContent();
    }, { timeout: 15_000 }).toBe('finished');
    expect(await page.locator('#submissions tbody tr').first().textContent()).toMatch(/\d+\.\d\d% \[\d+\.\d\d, \d+\.\d\d\] n=60/);

    await page.click('text=FM challenge');
    await page.click('a[href="/challenges/fm-challenge/leaderboard"]');
    const row = page.locator('#leaderboard tbody tr').first();
    expect(await row.locator('td').nth(1).textContent()).toBe('alpha');
    expect(await row.locator('td').nth(2).textContent()).toMatch(/^\d+\.\d\d% \[\d+\.\d\d, \d+\.\d\d\]$/);
    expect(await row.locator('svg.cibar circle').count()).toBe(1);
    expect(await page.locator('text=private (hidden until the phase closes)').count()).toBe(1);
  });

  it('a host signs in, closes the phase, and the private board opens', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/login?next=/challenges/fm-challenge/admin`);
    await page.fill('input[name=name]', 'hana');
    await page.fill('input[name=password]', 'hana-password');
    await page.click('button[type=submit]');
    await page.waitForURL(`${server.url}/challenges/fm-challenge/admin`);
    expect(await page.locator('#phases .phase-status').textContent()).toBe('not closed');
    await page.click('button[data-phase=dev]');
    await expect.poll(() => page.locator('#phases .phase-status').textContent()).toMatch(/^closed \d{4}-\d\d-\d\d/);
    expect(await page.locator('p.ok').textContent()).toBe('Phase dev closed; its private leaderboard is now public.');
    expect(await page.locator('svg.scatter').count()).toBe(1);
    expect(await page.locator('table.audit tbody tr').count()).toBe(1);

    const anon = await (await browser.newContext()).newPage();
    await anon.goto(`${server.url}/challenges/fm-challenge/leaderboard?split=private`);
    expect(await anon.locator('#leaderboard tbody tr td').nth(1).textContent()).toBe('alpha');
    expect(await anon.locator('#leaderboard tbody tr td').nth(4).textContent()).toBe('140');
  });
});
