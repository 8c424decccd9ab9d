import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';
import type { CliContext } from '../../src/cli/context.js';

export interface InProcessRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `heldout …args` in-process with captured streams (no terminal, so no progress bars) and the given env. */
export async function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<InProcessRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const ctx: CliContext = { stdout, stderr, interactive: false, env };
  const code = await main(['node', 'heldout', ...args], ctx);
  return { code, out, err };
}

/** Runs `heldout --data-dir <dataDir> …args` in-process. */
export function runHeldout(dataDir: string, ...args: string[]): Promise<InProcessRun> {
  return runCli(['--data-dir', dataDir, ...args]);
}
