import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/**
 * The peer's address for rate limiting: the socket's remote address on a real server, `local` for in-process
 * requests (`app.request()` in tests). Forwarded headers are ignored: they are the client's to forge.
 */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'local';
  }
}
