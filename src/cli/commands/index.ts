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
  collect: async () => (await import('./collect.js')).collectCommand,
  serve: async () => (await import('./serve.js')).serveCommand,
  score: async () => (await import('./score.js')).scoreCommand,
  compare: async () => (await import('./score.js')).compareCommand,
  stats: async () => (await import('./stats.js')).statsCommand,
  crowd: async () => (await import('./crowd.js')).crowdCommand,
  model: async () => (await import('./model.js')).modelCommand,
  eval: async () => (await import('./eval.js')).evalCommand,
  user: async () => (await import('./challenge.js')).userCommand,
  challenge: async () => (await import('./challenge.js')).challengeCommand,
  login: async () => (await import('./client.js')).loginCommand,
  challenges: async () => (await import('./client.js')).challengesCommand,
  submit: async () => (await import('./client.js')).submitCommand,
  submissions: async () => (await import('./client.js')).submissionsCommand,
  leaderboard: async () => (await import('./client.js')).leaderboardCommand,
  team: async () => (await import('./client.js')).teamCommand,
  study: async () => (await import('./study.js')).studyCommand,
  audit: async () => (await import('./audit.js')).auditCommand,
  migrate: async () => (await import('./db.js')).migrateCommand,
  db: async () => (await import('./db.js')).dbCommand,
  sample: async () => (await import('./sample.js')).sampleCommand,
  worker: async () => (await import('./worker.js')).workerCommand,
  jobs: async () => (await import('./jobs.js')).jobsCommand,
};
