import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Store } from './store.js';
import type { BlobStore } from './blobs/blob-store.js';
import { FsBlobStore } from './blobs/fs-blob-store.js';
import { openSqliteStore } from './sqlite/open-sqlite-store.js';

/** A data directory: the store plus the blob store beside it. */
export interface Workspace {
  readonly dataDir: string;
  readonly store: Store;
  readonly blobs: BlobStore;
  close(): Promise<void>;
}

export const DEFAULT_DATA_DIR = './heldout-data';

/** Opens the embedded workspace in `dataDir` (SQLite file `heldout.db`, blobs under `blobs/`), creating it if needed. */
export async function openWorkspace(dataDir: string = DEFAULT_DATA_DIR): Promise<Workspace> {
  const dir = path.resolve(dataDir);
  await mkdir(dir, { recursive: true });
  const store = await openSqliteStore(path.join(dir, 'heldout.db'));
  const blobs = new FsBlobStore(path.join(dir, 'blobs'));
  return { dataDir: dir, store, blobs, close: () => store.close() };
}
