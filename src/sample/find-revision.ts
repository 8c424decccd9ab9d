import { UserError } from '../errors.js';
import type { SampleRevisionRow, Store } from '../store/store.js';
import { readRevisionParams } from './revision-notes.js';
import type { RevisionParams } from './revision-params.js';

export interface LoadedRevision {
  readonly revision: SampleRevisionRow;
  readonly params: RevisionParams;
}

/** The named revision, or a one-line error listing those there are (exit code 2; pass 1 for "not found" in the server). */
export async function findRevisionOrThrow(store: Store, name: string, exitCode: 1 | 2 = 2): Promise<LoadedRevision> {
  const revision = await store.findSampleRevision({ name });
  if (!revision) {
    const known = (await store.listSampleRevisions()).map((r) => r.name);
    throw new UserError(`no sampled revision named "${name}"${known.length ? ` (revisions: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', …' : ''})` : ' (create one with heldout sample create)'}`, exitCode);
  }
  return { revision, params: readRevisionParams(revision.params_json) };
}
