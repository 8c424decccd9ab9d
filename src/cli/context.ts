import type { Writable } from 'node:stream';

/** What every command needs from the outside world; tests pass their own streams. */
export interface CliContext {
  readonly stdout: Writable;
  readonly stderr: Writable;
  /** True when stderr is a terminal, so progress bars are drawn. */
  readonly interactive: boolean;
  readonly env: NodeJS.ProcessEnv;
}

export function print(ctx: CliContext, text: string): void {
  ctx.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function printJson(ctx: CliContext, value: unknown): void {
  ctx.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Writes chunks, waiting whenever the stream asks to (a million rows stay out of memory when piped to a slow reader). */
export async function writeChunks(ctx: CliContext, chunks: Iterable<string>): Promise<void> {
  for (const chunk of chunks) {
    if (!ctx.stdout.write(chunk)) await new Promise<void>((resolve) => ctx.stdout.once('drain', resolve));
  }
}
