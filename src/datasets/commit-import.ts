import { readFile } from 'node:fs/promises';
import { UserError } from '../errors.js';
import type { ProgressListener } from '../progress.js';
import type { DatasetRow, NewDataset, NewSplit, SplitRow } from '../store/store.js';
import type { Workspace } from '../store/workspace.js';
import { mapPool } from './promise-pool.js';
import type { ValidatedItem } from './validate-items.js';

export interface CommitRequest {
  /** The dataset to create when it does not exist yet (checked again inside the transaction). */
  readonly dataset: NewDataset;
  readonly split: NewSplit;
  readonly items: readonly ValidatedItem[];
}

export interface CommitResult {
  readonly dataset: DatasetRow;
  readonly split: SplitRow;
  readonly createdDataset: boolean;
  readonly newImages: number;
  readonly newBlobs: number;
}

/**
 * Writes the blobs, then all rows in ONE store transaction. If anything fails, the blobs this call created are
 * deleted again (unless another import committed a reference to one meanwhile), so a failed import leaves the store
 * and the blob store as they were. Progress phase "store": one step per distinct image, plus one for the rows.
 */
export async function commitImport(
  ws: Workspace,
  req: CommitRequest,
  { onProgress, now, concurrency }: { onProgress: ProgressListener; now: Date; concurrency: number },
): Promise<CommitResult> {
  const unique = [...new Map(req.items.map((it) => [it.sha256, it])).values()];
  const total = unique.length + 1;
  const created: string[] = [];
  let done = 0;
  onProgress({ phase: 'store', done, total });
  try {
    await mapPool(unique, concurrency, async (it) => {
      const bytes = it.source.kind === 'file' ? await readFile(it.source.path) : it.data!;
      const put = await ws.blobs.put(bytes);
      if (put.created) created.push(put.sha256);
      if (put.sha256 !== it.sha256) throw new UserError(`${it.sourcePath}: file changed while it was being imported`);
      onProgress({ phase: 'store', done: ++done, total });
    });
    const result = await ws.store.transaction(async (tx) => {
      const existing = await tx.findDataset(req.dataset.name);
      const dataset = existing ?? (await tx.createDataset(req.dataset, now));
      if (await tx.findSplit(dataset.id, req.split.name)) {
        throw new UserError(`dataset ${dataset.name} already has a split "${req.split.name}"`);
      }
      const split = await tx.createSplit(dataset.id, req.split, now);
      const newImages = await tx.putImages(unique.map((it) => ({
        sha256: it.sha256, width: it.width, height: it.height, format: it.format, bytes: it.bytes, created_at: now.toISOString(),
      })));
      await tx.addItems(split.id, req.items.map((it, position) => ({
        position, name: it.name, image_sha256: it.sha256, wnid: it.wnid, source_path: it.sourcePath,
      })));
      return { dataset, split, createdDataset: existing === undefined, newImages };
    });
    onProgress({ phase: 'store', done: total, total });
    return { ...result, newBlobs: created.length };
  } catch (err) {
    await deleteUnreferenced(ws, created);
    throw err;
  }
}

async function deleteUnreferenced(ws: Workspace, blobs: readonly string[]): Promise<void> {
  for (const sha256 of blobs) {
    // A concurrent import may have stored the same image and committed a row pointing at it: keep the blob then.
    if (!(await ws.store.findImage(sha256))) await ws.blobs.delete(sha256);
  }
}
