import { Command } from 'commander';
import type { CliContext } from './context.js';

/** A subcommand group: `addCommand()` does not hand output and exit handling down, so each group sets them itself. */
export function commandGroup(ctx: CliContext, name: string, description: string): Command {
  return new Command(name).description(description)
    .configureOutput({ writeOut: (s) => ctx.stdout.write(s), writeErr: (s) => ctx.stderr.write(s) })
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
}
