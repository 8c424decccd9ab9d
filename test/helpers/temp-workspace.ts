import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openWorkspace, type Workspace } from '../../src/store/workspace.js';
import type { TableCounts } from '../../src/store/store.js';

/** A fresh folder under the OS temp dir; `cleanup` removes it. */
export async function tempDir(prefix = 'heldout-test-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * A real workspace (SQLite file + blob folder) in a temp dir, and a scratch folder beside it for input files.
 * Call `cleanup` in afterEach: it closes the store and removes both.
 *
 * @example
 * let t: TempWorkspace;
 * beforeEach(async () => { t = await tempWorkspace(); });
 * afterEach(() => t.cleanup());
 */
export interface TempWorkspace {
  readonly ws: Workspace;
  /** The workspace (data) directory. */
  readonly dataDir: string;
  /** A scratch folder for inputs and exports, outside the data directory. */
  readonly scratch: string;
  cleanup(): Promise<void>;
}

export async function tempWorkspace(): Promise<TempWorkspace> {
  const { dir, cleanup } = await tempDir();
  const dataDir = path.join(dir, 'data');
  const ws = await openWorkspace(dataDir);
  let closed = false;
  return {
    ws, dataDir, scratch: path.join(dir, 'in'),
    cleanup: async () => {
      if (!closed) await ws.close();
      closed = true;
      await cleanup();
    },
  };
}

/** Row counts per table plus the blob count: equal snapshots before and after prove a failed import left nothing. */
export interface WorkspaceCounts {
  readonly tables: TableCounts;
  readonly blobs: number;
}

export async function workspaceCounts(ws: Workspace): Promise<WorkspaceCounts> {
  return { tables: await ws.store.tableCounts(), blobs: await ws.blobs.count() };
}
