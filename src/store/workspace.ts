import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Store } from './store.js';
import type { BlobStore } from './blobs/blob-store.js';
import { FsBlobStore } from './blobs/fs-blob-store.js';
import { openSqliteStore } from './sqlite/open-sqlite-store.js';
import { openStore } from './open-store.js';
import { openBlobStore } from './blobs/open-blob-store.js';

/** A data directory: the store plus the blob store beside it. */
export interface Workspace {
  readonly dataDir: string;
  readonly store: Store;
  readonly blobs: BlobStore;
  close(): Promise<void>;
}

export const DEFAULT_DATA_DIR = './heldout-data';

export interface WorkspaceOptions {
  /** Store URL (`sqlite:PATH`, `postgres://…`); by default the SQLite file `heldout.db` in the data directory. */
  readonly db?: string | undefined;
  /** Blob store: a folder, `file:PATH` or `s3://bucket/prefix` (see blobs/open-blob-store.ts); default `<dataDir>/blobs`. */
  readonly blobs?: string | undefined;
}

/**
 * Opens the workspace in `dataDir` (blobs under `blobs/`), creating it if needed. The store is the SQLite file
 * `heldout.db` there unless `opts.db` names another store, e.g. a PostgreSQL database shared by several servers.
 */
export async function openWorkspace(dataDir: string = DEFAULT_DATA_DIR, opts: WorkspaceOptions = {}): Promise<Workspace> {
  const dir = path.resolve(dataDir);
  await mkdir(dir, { recursive: true });
  const store = opts.db === undefined ? await openSqliteStore(path.join(dir, 'heldout.db')) : await openStore(opts.db);
  const blobs: BlobStore = opts.blobs === undefined ? new FsBlobStore(path.join(dir, 'blobs')) : await openBlobStore(dir, opts.blobs);
  return { dataDir: dir, store, blobs, close: async () => { await store.close(); blobs.close?.(); } };
}
