import { Command, CommanderError } from 'commander';
import { UserError } from '../errors.js';
import type { CliContext } from './context.js';
import { COMMAND_GROUPS } from './commands/index.js';

/**
 * Builds the CLI; docs/cli.md is generated from this same tree. Given argv, only the command being run is loaded
 * (help and unknown commands load them all).
 */
export async function buildProgram(ctx: CliContext, argv?: readonly string[]): Promise<Command> {
  const program = new Command('heldout')
    .description('Build, run and audit image-classification benchmarks the ImageNet way.')
    .version('0.1.0')
    .option('--data-dir <dir>', 'workspace directory (SQLite store + blobs); default $HELDOUT_DATA_DIR or ./heldout-data')
    .option('--db <url>', 'store URL instead of the SQLite file in --data-dir: postgres://user@host:5432/db or sqlite:PATH; default $HELDOUT_DB_URL')
    .option('--blobs <url>', 'blob store instead of blobs/ in --data-dir: a shared folder or s3://bucket/prefix (endpoint $HELDOUT_S3_ENDPOINT); default $HELDOUT_BLOBS')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      writeErr: (s) => ctx.stderr.write(s),
    })
    .exitOverride();
  const wanted = argv ? commandNameOf(argv) : undefined;
  const versionOnly = wanted === undefined && argv !== undefined && argv.some((a) => a === '--version' || a === '-V');
  const names = versionOnly ? [] : wanted !== undefined && Object.hasOwn(COMMAND_GROUPS, wanted) ? [wanted] : Object.keys(COMMAND_GROUPS);
  for (const name of names) program.addCommand((await COMMAND_GROUPS[name]!())(ctx));
  inheritBehaviour(program, ctx);
  return program;
}

/** The first argument that is neither an option nor the value of a global option (`--data-dir`, `--db`, `--blobs`). */
function commandNameOf(argv: readonly string[]): string | undefined {
  const args = argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--data-dir' || a === '--db' || a === '--blobs') i++;
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

/** addCommand() does not pass output and exit handling down, so usage errors in a group would call process.exit. */
function inheritBehaviour(cmd: Command, ctx: CliContext): void {
  for (const sub of cmd.commands) {
    sub
      .exitOverride()
      .showHelpAfterError('(run with --help for usage)')
      .configureOutput({ writeOut: (s) => ctx.stdout.write(s), writeErr: (s) => ctx.stderr.write(s) });
    inheritBehaviour(sub, ctx);
  }
}

/** Runs the CLI and returns the exit code: 0 ok, 1 failed operation, 2 bad input or usage. */
export async function main(argv: string[], ctx: CliContext = processContext()): Promise<number> {
  try {
    const program = await buildProgram(ctx, argv);
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    return reportError(err, ctx);
  }
}

function reportError(err: unknown, ctx: CliContext): number {
  if (err instanceof CommanderError) {
    // Help and version exit through here with code 0; commander already printed usage errors.
    return err.exitCode === 0 ? 0 : 2;
  }
  if (err instanceof UserError) {
    ctx.stderr.write(`heldout: ${err.message}\n`);
    return err.exitCode;
  }
  ctx.stderr.write(`heldout: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return 1;
}

function processContext(): CliContext {
  return { stdout: process.stdout, stderr: process.stderr, interactive: Boolean(process.stderr.isTTY), env: process.env };
}
