import { findDatasetOrThrow, findSplitOrThrow } from '../datasets/find-split.js';
import { mapPool } from '../datasets/promise-pool.js';
import { UserError } from '../errors.js';
import type { ProgressListener } from '../progress.js';
import type { NewCollectHash } from '../store/store.js';
import type { Workspace as Ws } from '../store/workspace.js';
import { hashImage } from './image-hashes.js';

/** A reference set named on the command line: a whole dataset (`imagenet`) or one split (`imagenet/val`). */
export async function referenceImageShas(ws: Ws, against: readonly string[]): Promise<{ shas: string[]; splits: string[] }> {
  if (against.length === 0) throw new UserError('give at least one reference dataset (--against DATASET[/SPLIT],…)');
  const shas = new Set<string>();
  const splits: string[] = [];
  for (const ref of against) {
    const [name, splitName, extra] = ref.split('/');
    if (!name || extra !== undefined) throw new UserError(`"${ref}" is not DATASET or DATASET/SPLIT`);
    const chosen = splitName !== undefined
      ? [(await findSplitOrThrow(ws.store, name, splitName)).split]
      : await ws.store.listSplits((await findDatasetOrThrow(ws.store, name)).id);
    for (const split of chosen) {
      splits.push(`${name}/${split.name}`);
      // Paged, so a 1.28-million-image training split is never one giant result set.
      for (let offset = 0; ; offset += 10_000) {
        const items = await ws.store.listItems(split.id, { offset, limit: 10_000 });
        for (const it of items) shas.add(it.image_sha256);
        if (items.length < 10_000) break;
      }
    }
  }
  return { shas: [...shas].sort(), splits };
}

/**
 * Makes sure every reference image has stored hashes, hashing only those that do not (each image is hashed once per
 * workspace, whatever pools are deduplicated against it later). Commits every 256 images, so an interrupted run keeps
 * its work. Returns how many were hashed now.
 */
export async function ensureReferenceHashes(ws: Ws, shas: readonly string[], onProgress: ProgressListener, concurrency = 4): Promise<number> {
  const known = new Set((await ws.store.findHashes('image', shas)).map((h) => h.subject_id));
  const missing = shas.filter((s) => !known.has(s));
  onProgress({ phase: 'hash references', done: 0, total: missing.length });
  for (let i = 0; i < missing.length; i += 256) {
    const chunk = missing.slice(i, i + 256);
    const rows: NewCollectHash[] = await mapPool(chunk, concurrency, async (sha) => {
      const bytes = await ws.blobs.get(sha);
      try {
        return { subjectKind: 'image' as const, subjectId: sha, ...(await hashImage(bytes)) };
      } catch (err) {
        throw new UserError(`reference image ${sha} does not decode (${(err as Error).message.split('\n')[0]}); the workspace's blob store may be damaged`, 1);
      }
    });
    await ws.store.transaction((tx) => tx.putHashes(rows));
    onProgress({ phase: 'hash references', done: Math.min(i + 256, missing.length), total: missing.length });
  }
  return missing.length;
}
