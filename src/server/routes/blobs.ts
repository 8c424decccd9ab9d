import { Hono } from 'hono';
import type { Workspace } from '../../store/workspace.js';

const MIME: Readonly<Record<string, string>> = {
  jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif', tiff: 'image/tiff', avif: 'image/avif', heif: 'image/heif',
};

/** Image bytes by sha256. The URL names content only, so it reveals no label; blobs never change, so cache forever. */
export function blobRoutes(ws: Workspace): Hono {
  const app = new Hono();
  app.get('/blobs/:sha', async (c) => {
    const sha = c.req.param('sha');
    if (!/^[0-9a-f]{64}$/.test(sha)) return c.json({ error: 'not a sha256' }, 400);
    const image = await ws.store.findImage(sha);
    if (!image) return c.json({ error: `no image ${sha}` }, 404);
    const bytes = await ws.blobs.get(sha);
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': MIME[image.format] ?? 'application/octet-stream',
      'cache-control': 'public, max-age=31536000, immutable',
    });
  });
  return app;
}
