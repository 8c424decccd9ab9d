import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { createInProcessQueue } from '../../src/jobs/in-process-queue.js';
import { addUser, openSession } from '../../src/challenges/accounts.js';
import { tempWorkspace, workspaceCounts, type TempWorkspace } from '../helpers/temp-workspace.js';
import { CAT, reviewFixture } from './review-fixture.js';

let t: TempWorkspace;
let app: ReturnType<typeof createApp>;
let hostToken: string;
let participantToken: string;
let session: { cookie: string; csrfToken: string };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
const json = async (res: Response): Promise<any> => res.json();
const ORIGIN = 'http://localhost';

beforeAll(async () => {
  t = await tempWorkspace();
  await reviewFixture(t.ws, t.scratch);
  app = createApp({ ws: t.ws, jobs: createInProcessQueue() });
  const host = await addUser(t.ws.store, { name: 'hana', role: 'host' }, new Date());
  hostToken = host.token;
  participantToken = (await addUser(t.ws.store, { name: 'pat', role: 'participant' }, new Date())).token;
  session = await openSession(t.ws.store, host.user.id, new Date());
}, 60_000);
afterAll(() => t.cleanup());

describe('collect pages and API', () => {
  it('lists pools and shows a pool with its candidates', async () => {
    expect(await json(await app.request('/api/collect/pools'))).toEqual([{ name: 'pool', description: 'demo <pool>', accepted: 3, rejected: 0, pairs: 2, reviewed: 0 }]);
    const index = await (await app.request('/collect')).text();
    expect(index).toContain('href="/collect/pools/pool"');
    expect(index).toContain('demo &lt;pool&gt;');
    const page = await (await app.request('/collect/pools/pool')).text();
    expect(page.match(/\/collect\/candidates\/[0-9a-f]{64}\/thumb/g)).toHaveLength(3);
    expect((await app.request('/collect/pools/nope')).status).toBe(404);
    expect((await app.request('/api/collect/pools/nope/pairs')).status).toBe(404);
    expect((await app.request('/')).status).toBe(200);
    expect(await (await app.request('/')).text()).toContain('href="/collect"');
  });

  it('serves candidate copies by id', async () => {
    const { pairs } = await json(await app.request('/api/collect/pools/pool/pairs'));
    const res = await app.request(`/collect/candidates/${pairs[0].candidate}/thumb`);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    expect((await app.request(`/collect/candidates/${pairs[0].candidate}/big`)).status).toBe(400);
    expect((await app.request(`/collect/candidates/${'0'.repeat(64)}/thumb`)).status).toBe(404);
  });

  it('never shows a candidate\'s class next to an image of a hidden split', async () => {
    const { pairs, toReview } = await json(await app.request('/api/collect/pools/pool/pairs'));
    expect(toReview).toBe(2);
    const hidden = pairs.find((p: { referenceItem: { split: string } }) => p.referenceItem.split === 'test');
    const visible = pairs.find((p: { referenceItem: { split: string } }) => p.referenceItem.split === 'val');
    expect(hidden.candidateWnid).toBeNull();
    expect(visible.candidateWnid).toBe(CAT);
  });

  it('shows the first pending pair with keyboard shortcuts and records a host\'s decisions from form and JSON', async () => {
    const anonymous = await (await app.request('/collect/pools/pool/review')).text();
    expect(anonymous).toContain('0 of 2</strong> pairs decided');
    expect(anonymous).toContain('needs a host account');
    expect(anonymous).not.toContain('<form method="post"');
    const page = await (await app.request('/collect/pools/pool/review', { headers: { cookie: `heldout_session=${session.cookie}` } })).text();
    expect(page).toContain('Deciding as hana (host)');
    expect(page).toContain(`name="_csrf" value="${session.csrfToken}"`);
    expect(page).toContain('<kbd>s</kbd>');
    expect(page).toContain("e.key === 's' ? 'same'");
    const first = Number(/action="\/collect\/pools\/pool\/pairs\/(\d+)\/decision"/.exec(page)![1]);

    const form = (decision: string, { origin = ORIGIN, csrf = session.csrfToken, cookie = true } = {}) => app.request(`/collect/pools/pool/pairs/${first}/decision`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin, ...(cookie ? { cookie: `heldout_session=${session.cookie}` } : {}) },
      body: `decision=${decision}&_csrf=${encodeURIComponent(csrf)}`,
    });
    expect((await form('same', { origin: 'https://evil.example' })).status).toBe(403); // cross-site form posts are refused
    expect((await form('same', { csrf: 'wrong' })).status).toBe(403); // a session must echo its CSRF token
    expect((await form('same', { cookie: false })).status).toBe(401); // anonymous: sign in first
    const before = await workspaceCounts(t.ws);
    expect((await form('maybe')).status).toBe(400);
    expect(await workspaceCounts(t.ws)).toEqual(before);
    const ok = await form('same');
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/collect/pools/pool/review');

    const { pairs } = await json(await app.request('/api/collect/pools/pool/pairs'));
    expect(pairs).toHaveLength(1);
    const post = (body: unknown, token?: string) => app.request(`/api/collect/pools/pool/pairs/${pairs[0].id}/decision`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body),
    });
    expect((await post({ decision: 'same' })).status).toBe(401);
    const refused = await post({ decision: 'same' }, participantToken);
    expect(refused.status).toBe(403);
    expect((await json(refused)).error).toContain('only hosts and admins');
    expect((await post({ decision: 'same' }, 'hld_wrong')).status).toBe(401);
    expect((await post({ decision: 'same', extra: 1 }, hostToken)).status).toBe(400);
    const decided1 = await json(await post({ decision: 'different', reviewer: 'ann' }, hostToken));
    expect(decided1.reviewer).toBe('hana'); // the account decides, whatever name the body gives
    expect((await app.request('/api/collect/pools/pool/pairs/999/decision', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${hostToken}` }, body: '{"decision":"same"}' })).status).toBe(400);
    expect(await (await app.request('/collect/pools/pool/review')).text()).toContain('Nothing left to review');
    const decided = await json(await app.request('/api/collect/pools/pool/pairs?status=decided'));
    expect(decided.pairs.map((p: { decision: string }) => p.decision).sort()).toEqual(['different', 'same']);
    expect((await app.request('/api/collect/pools/pool/pairs?limit=0')).status).toBe(400);
  });
});

describe('open review (heldout serve --demo)', () => {
  it('lets anyone decide from this origin, and still refuses cross-site posts', async () => {
    const demo = createApp({ ws: t.ws, jobs: createInProcessQueue(), collectOptions: { openReview: true } });
    const page = await (await demo.request('/collect/pools/pool/review')).text();
    expect(page).toContain('Open review (demo server)');
    const { pairs } = await json(await demo.request('/api/collect/pools/pool/pairs?status=all'));
    const post = (origin: string) => demo.request(`/collect/pools/pool/pairs/${pairs[0].id}/decision`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin }, body: 'decision=same&reviewer=visitor',
    });
    expect((await post('https://evil.example')).status).toBe(403);
    expect((await post(ORIGIN)).status).toBe(303);
    const api = await demo.request(`/api/collect/pools/pool/pairs/${pairs[0].id}/decision`, { method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN }, body: '{"decision":"same","reviewer":"visitor"}' });
    expect((await json(api)).reviewer).toBe('visitor');
    const crossApi = await demo.request(`/api/collect/pools/pool/pairs/${pairs[0].id}/decision`, { method: 'POST', headers: { 'content-type': 'text/plain', origin: 'https://evil.example' }, body: '{"decision":"different"}' });
    expect(crossApi.status).toBe(403);
  });
});
