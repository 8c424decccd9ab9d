import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { openWorkspace, type Workspace } from '../../src/store/workspace.js';
import { createInProcessQueue } from '../../src/jobs/in-process-queue.js';
import { loadBuiltinClassSet } from '../../src/catalog/builtin-class-sets.js';
import { listen } from '../../src/server/node.js';

const NOW = new Date('2026-01-01T00:00:00Z');
let dir: string;
let ws: Workspace;
let app: ReturnType<typeof createApp>;
let pngSha = '';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
const json = async (res: Response): Promise<any> => res.json();

async function png(value: number): Promise<Buffer> {
  return sharp(Buffer.alloc(16, value), { raw: { width: 4, height: 4, channels: 1 } }).png().toBuffer();
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'heldout-server-'));
  ws = await openWorkspace(dir);
  const classes = loadBuiltinClassSet('fashion-mnist').entries;
  const d = await ws.store.createDataset({ name: 'fm', description: 'demo <b>', classSet: 'fashion-mnist', classes }, NOW);
  const hidden = await ws.store.createSplit(d.id, { name: 'test', labelsHidden: true, sourceLayout: 'idx', sourcePath: 'x' }, NOW);
  const visible = await ws.store.createSplit(d.id, { name: 'pool', labelsHidden: false, sourceLayout: 'idx', sourcePath: 'x' }, NOW);
  for (const [i, split] of [hidden, visible].entries()) {
    const bytes = await png(i * 100 + 7);
    const { sha256 } = await ws.blobs.put(bytes);
    pngSha = sha256;
    await ws.store.putImages([{ sha256, width: 4, height: 4, format: 'png', bytes: bytes.length, created_at: NOW.toISOString() }]);
    await ws.store.addItems(split.id, [{ position: 0, name: '00000', image_sha256: sha256, wnid: 'n04133789', source_path: null, source_url: null, license: null, date_taken: null, date_uploaded: null }]);
  }
  app = createApp({ ws, jobs: createInProcessQueue() });
});

afterAll(async () => {
  await ws.close();
  await rm(dir, { recursive: true, force: true });
});

describe('server app', () => {
  it('lists datasets on the home page, escaping text', async () => {
    const res = await app.request('/');
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('href="/datasets/fm"');
    expect(body).toContain('demo &lt;b&gt;');
    expect(body).toContain('labels hidden');
  });

  it('never returns the labels of a hidden split', async () => {
    const hidden = await json(await app.request('/api/datasets/fm/splits/test/items'));
    expect(hidden.total).toBe(1);
    expect(hidden.items[0]).not.toHaveProperty('wnid');
    expect(JSON.stringify(hidden)).not.toContain('n04133789');
    const filtered = await app.request('/api/datasets/fm/splits/test/items?class=n04133789');
    expect(filtered.status).toBe(400);
    const detail = await json(await app.request('/api/datasets/fm'));
    expect(detail.splits.find((s: { name: string }) => s.name === 'test')).not.toHaveProperty('classCounts');
    const page = await (await app.request('/datasets/fm/splits/test?class=n04133789')).text();
    expect(page).not.toContain('Sandal</figcaption>');
  });

  it('shows labels of visible splits and filters by class', async () => {
    const visible = await json(await app.request('/api/datasets/fm/splits/pool/items?class=n04133789'));
    expect(visible.items[0].wnid).toBe('n04133789');
    const page = await (await app.request('/datasets/fm')).text();
    expect(page).toContain('Sandal');
    expect(page).toContain(`/blobs/${pngSha}`);
  });

  it('previews one image per class of a visible split on the home page, none of a hidden one', async () => {
    const home = await (await app.request('/')).text();
    expect(home).toContain('Sandal<br><code>n04133789</code>');
    expect(home).toContain('/ pool');
  });

  it('serves blobs with their content type and rejects bad ids', async () => {
    const res = await app.request(`/blobs/${pngSha}`);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect((await sharp(Buffer.from(await res.arrayBuffer())).metadata()).width).toBe(4);
    expect((await app.request('/blobs/xyz')).status).toBe(400);
    expect((await app.request(`/blobs/${'0'.repeat(64)}`)).status).toBe(404);
  });

  it('answers unknown names and bad queries with JSON errors', async () => {
    expect((await app.request('/api/datasets/nope')).status).toBe(404);
    expect((await app.request('/api/datasets/fm/splits/pool/items?limit=-1')).status).toBe(400);
  });

  it('answers the browser favicon request', async () => {
    const res = await app.request('/favicon.ico');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
  });

  it('serves the same app on a real socket', async () => {
    const server = await listen(app, { port: 0 });
    try {
      const res = await fetch(`${server.url}/healthz`);
      expect(await res.json()).toEqual({ ok: true });
    } finally {
      await server.close();
    }
  });
});
