import { createApp } from '../../src/server/app.js';
import { createInProcessQueue } from '../../src/jobs/in-process-queue.js';
import type { ChallengeServerOptions } from '../../src/server/routes/challenges.js';
import type { JobQueue } from '../../src/jobs/queue.js';
import type { Workspace } from '../../src/store/workspace.js';
import { arena, type Arena } from './fixture.js';

export const ORIGIN = 'http://localhost';

export interface ServerArena extends Arena {
  readonly app: ReturnType<typeof createApp>;
  readonly jobs: JobQueue;
  /** Sends a request as `who` (a bearer token), or anonymously. */
  req(path: string, init?: { who?: string; method?: string; json?: unknown; form?: FormData; headers?: Record<string, string> }): Promise<Response>;
  /** Waits until no submission is left submitted or running. */
  settle(): Promise<void>;
  /** Signs in through the login form; returns the cookie header and the session's CSRF token. */
  session(name: string): Promise<{ cookie: string; csrf: string }>;
  /** A fresh app over the same workspace (own rate limiters). */
  newApp(options?: ChallengeServerOptions): ReturnType<typeof createApp>;
}

/** The challenge arena behind a real Hono app (requests without sockets); the clock is pinned to the arena's. */
export async function serverArena(ws: Workspace, options: Parameters<typeof arena>[1] = {}, serverOptions: ChallengeServerOptions = {}): Promise<ServerArena> {
  const jobs = createInProcessQueue();
  const a = await arena(ws, { ...options, jobs });
  const newApp = (o: ChallengeServerOptions = {}) => createApp({ ws, jobs, challengeOptions: { now: () => a.clock, resume: false, ...o } });
  const app = newApp({ loginLimit: { limit: 1000 }, tokenLimit: { limit: 1000 }, ...serverOptions });
  const req: ServerArena['req'] = (path, init = {}) => {
    const headers: Record<string, string> = { ...(init.who ? { authorization: `Bearer ${a.tokens[init.who]}` } : {}), ...init.headers };
    let body: RequestInit['body'];
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    } else if (init.form) body = init.form;
    return Promise.resolve(app.request(path, { method: init.method ?? (body ? 'POST' : 'GET'), headers, ...(body ? { body } : {}) }));
  };
  const settle = async () => {
    for (let i = 0; i < 400; i++) {
      if ((await ws.store.listSubmissions({ states: ['submitted', 'running'] })).length === 0) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('scoring did not settle');
  };
  const session = async (name: string) => {
    const res = await app.request('/login', {
      method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name, password: `${name}-password` }).toString(),
    });
    if (res.status !== 303) throw new Error(`login of ${name} failed: ${res.status}`);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    const page = await (await app.request('/account', { headers: { cookie } })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    return { cookie, csrf };
  };
  return Object.assign(a, { app, jobs, req, settle, session, newApp });
}

/** A multipart form with one file part. */
export function fileForm(content: string | Uint8Array, name = 'preds.txt', fields: Record<string, string> = {}): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  fd.append('file', new Blob([typeof content === 'string' ? new TextEncoder().encode(content) : content]), name);
  return fd;
}
