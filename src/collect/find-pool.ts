import { UserError } from '../errors.js';
import type { CollectPoolRow, Store } from '../store/store.js';

/** The named pool, or a one-line error listing the pools that exist. */
export async function findPoolOrThrow(store: Store, name: string): Promise<CollectPoolRow> {
  const pool = await store.findPool(name);
  if (pool) return pool;
  const known = (await store.listPools()).map((p) => p.name);
  throw new UserError(`no candidate pool named "${name}"${known.length ? ` (pools: ${known.join(', ')})` : ' (ingest candidates first: heldout collect ingest …)'}`);
}

/** Pool names appear in URLs and file names: keep them plain (the same rule as dataset names). */
export function checkPoolName(name: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(name)) {
    throw new UserError(`pool name "${name}" must start with a letter or digit and use only letters, digits, ".", "_" and "-" (at most 100)`);
  }
}
