import { UserError } from '../errors.js';
import type { CrowdWorkerRow, Store } from '../store/store.js';
import { hashToken, newToken } from './tokens.js';

/** Kinds of worker, by how they arrive. */
export const WORKER_KINDS = ['account', 'panel', 'visitor', 'simulated', 'mturk', 'label-studio'] as const;
export type WorkerKind = (typeof WORKER_KINDS)[number];

/** A worker with the token it can use now (shown once; only its hash is stored). */
export interface IssuedWorker {
  readonly worker: CrowdWorkerRow;
  readonly token: string;
}

/** A named account (`heldout crowd worker add NAME`): prints its token once. */
export async function addAccountWorker(store: Store, name: string, now: Date, { simulated = false } = {}): Promise<IssuedWorker> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/.test(name)) throw new UserError(`worker name "${name}" must be 1–64 letters, digits, '.', '_', '@' or '-'`);
  if (await store.findCrowdWorker({ name })) throw new UserError(`a worker named "${name}" already exists`);
  const token = newToken();
  const worker = await store.createCrowdWorker({ name, kind: simulated ? 'simulated' : 'account', tokenHash: hashToken(token), simulated }, now);
  return { worker, token };
}

/**
 * A worker arriving from outside with an id of its own (a panel's participant id, an MTurk WorkerId): found by
 * `<prefix>:<id>` or created. A fresh token is issued each time they arrive (stored as a hash, replacing the last).
 */
export async function arriveExternalWorker(store: Store, kind: Exclude<WorkerKind, 'account'>, prefix: string, externalId: string, now: Date): Promise<IssuedWorker> {
  if (!/^[A-Za-z0-9._:-]{1,128}$/.test(externalId)) throw new UserError(`external worker id must be 1–128 letters, digits, '.', '_', ':' or '-'`);
  const token = newToken();
  const name = `${prefix}:${externalId}`;
  const existing = await store.findCrowdWorker({ name });
  if (existing) {
    await store.setCrowdWorkerToken(existing.id, hashToken(token));
    return { worker: existing, token };
  }
  const worker = await store.createCrowdWorker({ name, kind, externalId, tokenHash: hashToken(token), simulated: kind === 'simulated' }, now);
  return { worker, token };
}

/** An anonymous visitor of an open project (the demo): a new worker named `visitor:<random>`. */
export async function newVisitorWorker(store: Store, now: Date): Promise<IssuedWorker> {
  const token = newToken();
  const worker = await store.createCrowdWorker({ name: `visitor:${hashToken(token).slice(0, 12)}`, kind: 'visitor', tokenHash: hashToken(token), simulated: false }, now);
  return { worker, token };
}

/** The worker a token belongs to, if any. */
export function workerOfToken(store: Store, token: string): Promise<CrowdWorkerRow | undefined> {
  return store.findCrowdWorker({ tokenHash: hashToken(token) });
}

export async function findWorkerOrThrow(store: Store, name: string): Promise<CrowdWorkerRow> {
  const w = await store.findCrowdWorker({ name });
  if (!w) throw new UserError(`no worker named "${name}" (see heldout crowd workers)`);
  return w;
}
