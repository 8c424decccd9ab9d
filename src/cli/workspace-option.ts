import type { Command } from 'commander';
import type { CliContext } from './context.js';
import { DEFAULT_DATA_DIR, openWorkspace, type Workspace } from '../store/workspace.js';

/** The data directory: `--data-dir` on the root command, else $HELDOUT_DATA_DIR, else ./heldout-data. */
export function dataDirOf(cmd: Command, ctx: CliContext): string {
  const opts = cmd.optsWithGlobals() as { dataDir?: string };
  return opts.dataDir ?? ctx.env.HELDOUT_DATA_DIR ?? DEFAULT_DATA_DIR;
}

/** The store URL: `--db` on the root command, else $HELDOUT_DB_URL, else undefined (the SQLite file in the data dir). */
export function dbUrlOf(cmd: Command, ctx: CliContext): string | undefined {
  const opts = cmd.optsWithGlobals() as { db?: string };
  const url = opts.db ?? ctx.env.HELDOUT_DB_URL;
  return url === '' ? undefined : url;
}

/** The blob store: `--blobs` on the root command, else $HELDOUT_BLOBS, else undefined (`blobs/` in the data dir). */
export function blobsUrlOf(cmd: Command, ctx: CliContext): string | undefined {
  const opts = cmd.optsWithGlobals() as { blobs?: string };
  const url = opts.blobs ?? ctx.env.HELDOUT_BLOBS;
  return url === '' ? undefined : url;
}

/** Opens the workspace the global options name: blobs in the data directory, the store there or at `--db`. */
export function openCliWorkspace(cmd: Command, ctx: CliContext): Promise<Workspace> {
  return openWorkspace(dataDirOf(cmd, ctx), { db: dbUrlOf(cmd, ctx), blobs: blobsUrlOf(cmd, ctx) });
}

/** Opens the workspace for one command and always closes it, even when the command fails. */
export async function withWorkspace<T>(cmd: Command, ctx: CliContext, work: (ws: Workspace) => Promise<T>): Promise<T> {
  const ws = await openCliWorkspace(cmd, ctx);
  try {
    return await work(ws);
  } finally {
    await ws.close();
  }
}
