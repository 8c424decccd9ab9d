import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { UserError } from '../../errors.js';
import { print, printJson, type CliContext } from '../context.js';
import { progressBar } from '../progress-bar.js';
import { dataDirOf, dbUrlOf } from '../workspace-option.js';

/** The store the global options name, as a URL: `--db`/$HELDOUT_DB_URL, else the SQLite file in the data directory. */
function storeUrlOf(cmd: Command, ctx: CliContext): string {
  return dbUrlOf(cmd, ctx) ?? `sqlite:${path.resolve(dataDirOf(cmd, ctx), 'heldout.db')}`;
}

/** `heldout migrate`: brings the store (`--db URL` or the workspace's SQLite file) to the latest schema. */
export function migrateCommand(ctx: CliContext): Command {
  return new Command('migrate')
    .description('bring the store (--db URL, or the SQLite file in --data-dir) to the latest schema; prints what it applied')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }, cmd: Command) => {
      const { migrateStore } = await import('../../store/open-store.js');
      const { mkdir } = await import('node:fs/promises');
      if (dbUrlOf(cmd, ctx) === undefined) await mkdir(dataDirOf(cmd, ctx), { recursive: true });
      const { label, applied } = await migrateStore(storeUrlOf(cmd, ctx));
      if (o.json) return printJson(ctx, { store: label, applied });
      if (applied.length === 0) return print(ctx, `${label}: schema is up to date`);
      print(ctx, `${label}: applied ${applied.length} migration${applied.length === 1 ? '' : 's'}`);
      for (const name of applied) print(ctx, `  ${name}`);
    });
}

function positive(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 100_000) throw new InvalidArgumentError('expected an integer 1..100000');
  return n;
}

interface CopyOptions {
  from?: string;
  to: string;
  force?: boolean;
  batch: number;
  json?: boolean;
}

/** `heldout db …`: moving a store between backends. */
export function dbCommand(ctx: CliContext): Command {
  const db = new Command('db').description('store maintenance: copy a store between SQLite and PostgreSQL');
  db.command('copy')
    .description('copy every table of one store into another (one transaction on the target; row counts checked); blobs stay in --data-dir')
    .option('--from <url>', 'source store: sqlite:PATH or postgres://… (default: --db, else the SQLite file in --data-dir)')
    .requiredOption('--to <url>', 'target store: postgres://… or sqlite:PATH (migrated first; must be empty unless --force)')
    .option('--force', 'replace the rows a non-empty target holds (deleted in the same transaction)')
    .option('--batch <rows>', 'rows read per query', positive, 2000)
    .option('--json', 'print JSON')
    .action(async (o: CopyOptions, cmd: Command) => {
      const { copyStore } = await import('../../store/copy-store.js');
      const from = o.from ?? (storeUrlOf(cmd, ctx));
      if (from === o.to) throw new UserError('db copy: --from and --to name the same store');
      const bar = progressBar(ctx);
      const started = performance.now();
      let result;
      try {
        result = await copyStore(from, o.to, { force: o.force === true, batchRows: o.batch, onProgress: bar });
      } finally {
        bar.stop();
      }
      const seconds = (performance.now() - started) / 1000;
      const rows = result.tables.reduce((s, t) => s + t.rows, 0);
      if (o.json) return printJson(ctx, { ...result, rows, seconds });
      print(ctx, `copied ${rows} rows in ${result.tables.length} tables from ${result.from} to ${result.to} in ${seconds.toFixed(1)} s; row counts match`);
      if (result.replaced > 0) print(ctx, `replaced ${result.replaced} rows the target held before`);
      for (const t of result.tables) if (t.rows > 0) print(ctx, `  ${t.table.padEnd(24)} ${t.rows}`);
    });
  return db;
}
