import type { Command } from 'commander';
import type { CliContext } from '../context.js';

/** Loads one top-level command. Loading lazily keeps `heldout stats …` from paying for sharp, SQLite and ONNX. */
export type CommandLoader = () => Promise<(ctx: CliContext) => Command>;

/**
 * Every top-level command by name, in help order; each lives in its own file. Add a command with one line:
 * `name: async () => (await import('./file.js')).nameCommand,`
 */
export const COMMAND_GROUPS: Readonly<Record<string, CommandLoader>> = {
  wordnet: async () => (await import('./wordnet.js')).wordnetCommand,
  dataset: async () => (await import('./dataset.js')).datasetCommand,
  serve: async () => (await import('./serve.js')).serveCommand,
  score: async () => (await import('./score.js')).scoreCommand,
  compare: async () => (await import('./score.js')).compareCommand,
  stats: async () => (await import('./stats.js')).statsCommand,
};
