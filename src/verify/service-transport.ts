import type { Store } from '../store/store.js';
import { findProjectOrThrow } from './find-project.js';
import type { CrowdFetch } from './simulate-crowd.js';
import { WorkError } from './work-error.js';
import { nextTask, submitWork } from './work-session.js';
import { workerOfToken } from './workers.js';

/**
 * The two worker endpoints the simulator uses (next task, submit), answered by the same services the HTTP routes call,
 * for code that may not depend on the server (the demo seeder). `heldout crowd simulate` goes through real HTTP.
 */
export function serviceTransport(store: Store, now: () => Date = () => new Date()): CrowdFetch {
  return async (path, init) => {
    const token = /^Bearer (.+)$/.exec(new Headers(init?.headers).get('authorization') ?? '')?.[1];
    const worker = token ? await workerOfToken(store, token) : undefined;
    if (!worker) return Response.json({ error: 'unknown worker', code: 'no-identity' }, { status: 401 });
    try {
      const next = /^\/api\/crowd\/projects\/([^/]+)\/next$/.exec(path);
      if (next) return Response.json(await nextTask(store, await findProjectOrThrow(store, decodeURIComponent(next[1]!)), worker, { now: now() }));
      const submit = /^\/api\/crowd\/assignments\/(\d+)\/submit$/.exec(path);
      if (submit) {
        const body = JSON.parse(String(init?.body)) as { selected: string[]; durationMs?: number };
        return Response.json(await submitWork(store, worker, Number(submit[1]), { selected: body.selected, durationMs: body.durationMs ?? null }, now()));
      }
      return Response.json({ error: `not found: ${path}` }, { status: 404 });
    } catch (err) {
      if (err instanceof WorkError) return Response.json({ error: err.message, code: err.code }, { status: 400 });
      throw err;
    }
  };
}
