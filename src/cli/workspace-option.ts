import type { Command } from 'commander';
import type { CliContext } from './context.js';
import { DEFAULT_DATA_DIR, openWorkspace, type Workspace } from '../store/workspace.js';

/** The data directory: `--data-dir` on the root command, else $HELDOUT_DATA_DIR, else ./heldout-data. */
export function dataDirOf(cmd: Command, ctx: CliContext): string {
  const opts = cmd.optsWithGlobals() as { dataDir?: string };
  return opts.dataDir ?? ctx.env.HELDOUT_DATA_DIR ?? DEFAULT_DATA_DIR;
}

/** Opens the workspace for one command and always closes it, even when the command fails. */
export async function withWorkspace<T>(cmd: Command, ctx: CliContext, work: (ws: Workspace) => Promise<T>): Promise<T> {
  const ws = await openWorkspace(dataDirOf(cmd, ctx));
  try {
    return await work(ws);
  } finally {
    await ws.close();
  }
}
