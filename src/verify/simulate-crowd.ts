import { UserError } from '../errors.js';
import { ignoreProgress, type ProgressListener } from '../progress.js';
import { seededRng, type Rng } from '../stats/index.js';
import type { Store } from '../store/store.js';
import { answerGrid, openSlots, simulatedCrowd, type CrowdSpec, type SimulatedWorker } from './core/index.js';
import type { LoadedProject } from './find-project.js';
import type { WorkerDone, WorkerTask } from './work-session.js';
import { addAccountWorker } from './workers.js';

/** How simulated workers reach the server: `app.request` in-process, or `fetch` on a real port. */
export type CrowdFetch = (path: string, init?: RequestInit) => Promise<Response>;

export interface SimulateOptions extends Omit<CrowdSpec, 'workers'> {
  readonly workers: number;
  readonly seed: number;
  readonly fetch: CrowdFetch;
  /**
   * Spread true images' answers over (0, 1] as real ones are (some are hard to see): a true candidate is recognised
   * by a careful worker with probability c ~ 0.35 + 0.65·√U, a false one is mistaken with probability 0.2·U².
   * Off, every image is clear (the pure two-coin model the Dawid–Skene tests use).
   */
  readonly ambiguity?: boolean;
  /** Stop after this many submits in all (default: until no worker gets a task). */
  readonly maxSubmits?: number;
  /** Simulated "now" for account creation. */
  readonly now: Date;
  readonly onProgress?: ProgressListener;
}

export interface SimulateSummary {
  readonly workers: ReadonlyArray<{ readonly name: string; readonly spammer: boolean; readonly sensitivity: number; readonly specificity: number; readonly submitted: number }>;
  readonly submitted: number;
  readonly errors: number;
}

/**
 * Simulated workers (named `sim-<project>-<seed>-<i>`, marked simulated) work through the same HTTP API as people:
 * they ask for the next task, look at its opaque images, answer by the two-coin model and submit, round-robin until
 * none gets a task. Only the answer needs the truth, which the simulator (the host) looks up by the images' public ids.
 */
export async function simulateCrowdWork(store: Store, loaded: LoadedProject, o: SimulateOptions): Promise<SimulateSummary> {
  if (!Number.isInteger(o.workers) || o.workers < 1 || o.workers > 10_000) throw new UserError(`--workers must be an integer between 1 and 10000, got ${o.workers}`);
  const rng = seededRng(o.seed);
  const profiles = simulatedCrowd({ ...o, workers: o.workers }, rng);
  const truth = await truthByPublicId(store, loaded, o.ambiguity ?? true, seededRng(o.seed + 1));
  const accounts: Array<{ name: string; token: string; profile: SimulatedWorker; submitted: number; finished: boolean }> = [];
  for (let i = 0; i < profiles.length; i++) {
    const name = `sim-${loaded.project.name}-${o.seed}-${i + 1}`;
    if (await store.findCrowdWorker({ name })) throw new UserError(`simulated worker ${name} exists already: use another --seed`);
    const { token } = await addAccountWorker(store, name, o.now, { simulated: true });
    accounts.push({ name, token, profile: profiles[i]!, submitted: 0, finished: false });
  }
  const total = Math.min(o.maxSubmits ?? Infinity, (await store.crowdTaskSlots(loaded.project.id, o.now)).reduce((s, t) => s + openSlots(t), 0));
  const onProgress = o.onProgress ?? ignoreProgress;
  const projectPath = `/api/crowd/projects/${encodeURIComponent(loaded.project.name)}`;
  let submitted = 0;
  let errors = 0;
  while (accounts.some((a) => !a.finished) && submitted < (o.maxSubmits ?? Infinity)) {
    for (const a of accounts) {
      if (a.finished || submitted >= (o.maxSubmits ?? Infinity)) continue;
      const headers = { authorization: `Bearer ${a.token}`, 'content-type': 'application/json' };
      const next = (await (await o.fetch(`${projectPath}/next`, { method: 'POST', headers, body: '{}' })).json()) as WorkerTask | WorkerDone | { error: string };
      if (!('kind' in next) || next.kind !== 'task') {
        a.finished = true;
        if ('error' in next) errors++;
        continue;
      }
      const answer = answerGrid(a.profile, next.images.map((img) => truth.get(img.id) ?? 0), rng);
      const selected = next.images.filter((_, i) => answer.selected[i]).map((img) => img.id);
      const res = await o.fetch(`/api/crowd/assignments/${next.assignment.id}/submit`, {
        method: 'POST', headers, body: JSON.stringify({ selected, durationMs: answer.durationMs }),
      });
      if (res.ok) {
        a.submitted++;
        submitted++;
        onProgress({ phase: 'simulate', done: submitted, total: Math.max(total, submitted) });
      } else {
        errors++;
        a.finished = true;
      }
    }
  }
  return {
    workers: accounts.map((a) => ({ name: a.name, spammer: a.profile.spammer, sensitivity: a.profile.sensitivity, specificity: a.profile.specificity, submitted: a.submitted })),
    submitted, errors,
  };
}

/** P(a careful person calls the image a member of its task's class), per public image id. */
async function truthByPublicId(store: Store, { project }: LoadedProject, ambiguity: boolean, rng: Rng): Promise<Map<string, number>> {
  const wnidOfItem = new Map<number, string>();
  for (const id of [project.pool_split_id, project.controls_split_id]) {
    if (id !== null) for (const item of await store.listItems(id)) wnidOfItem.set(item.id, item.wnid);
  }
  const clarity = new Map<number, number>();
  const clarityOf = (itemId: number, isTrue: boolean) => {
    let c = clarity.get(itemId);
    if (c === undefined) {
      const u = rng.next();
      c = !ambiguity ? (isTrue ? 1 : 0) : isTrue ? 0.35 + 0.65 * Math.sqrt(u) : 0.2 * u * u;
      clarity.set(itemId, c);
    }
    return c;
  };
  const out = new Map<string, number>();
  for (const img of await store.crowdTaskImages(project.id)) {
    if (img.role === 'positive') out.set(img.public_id, 1);
    else if (img.role === 'negative') out.set(img.public_id, 0);
    else if (img.item_id !== null) out.set(img.public_id, clarityOf(img.item_id, wnidOfItem.get(img.item_id) === img.wnid));
  }
  return out;
}
