import type { ProgressListener } from '../progress.js';
import type { Workspace } from '../store/workspace.js';
import { ensureReferenceHashes, referenceImageShas } from './reference-images.js';

/** Job type of one shard of reference-image hashing on the JobQueue. */
export const HASH_SHARD_JOB = 'collect-hash-shard';

/** Shard `shard` of `of` of the reference images named by `against` (`DATASET` or `DATASET/SPLIT`), by sorted sha. */
export interface HashShardPayload {
  readonly against: readonly string[];
  readonly shard: number;
  readonly of: number;
}

/** Payloads that together hash every reference image of `against`, in `of` shards. */
export function planHashShards(against: readonly string[], of: number): HashShardPayload[] {
  return Array.from({ length: Math.max(1, of) }, (_, shard) => ({ against, shard, of: Math.max(1, of) }));
}

/**
 * Hashes one contiguous slice of the sorted reference images. Idempotent: images with stored hashes are skipped and
 * hashes are inserted with ON CONFLICT DO NOTHING, so a shard that runs twice stores each hash once. `dedup` then
 * finds every hash stored and hashes nothing itself.
 */
export async function runHashShard(ws: Workspace, p: HashShardPayload, onProgress: ProgressListener): Promise<{ images: number; hashedNow: number }> {
  const { shas } = await referenceImageShas(ws, p.against);
  const per = Math.ceil(shas.length / p.of);
  const slice = shas.slice(p.shard * per, (p.shard + 1) * per);
  return { images: slice.length, hashedNow: await ensureReferenceHashes(ws, slice, onProgress) };
}
