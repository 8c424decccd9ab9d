import { sql, type Kysely, type Transaction } from 'kysely';
import { UserError } from '../errors.js';
import type { Progress, ProgressListener } from '../progress.js';
import type { BackendConnection, TableKeys } from './backend.js';
import { kyselyStore } from './kysely-store.js';
import { runMigrations } from './migrations/run-migrations.js';
import { connectStore, parseStoreUrl } from './open-store.js';
import type { Database } from './schema.js';

export interface CopyOptions {
  /** Replace what the target holds (deleted in the same transaction) instead of refusing a non-empty target. */
  readonly force?: boolean;
  /** Rows read per query. */
  readonly batchRows?: number;
  readonly onProgress?: ProgressListener;
}

export interface CopyResult {
  readonly from: string;
  readonly to: string;
  /** Rows per table, in the order they were copied; equal in source and target (checked before committing). */
  readonly tables: ReadonlyArray<{ readonly table: string; readonly rows: number }>;
  /** Rows the target held before, deleted because of `force`. */
  readonly replaced: number;
}

/** Rows as plain records: copying treats every table alike. */
type AnyDb = Kysely<Record<string, Record<string, unknown>>>;

/** Bound parameters per INSERT, below SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMS = 30_000;

/**
 * Copies every table of one store into another (e.g. `sqlite:heldout-data/heldout.db` → `postgres://…`): both are
 * migrated first, tables go in foreign-key order, each paged by primary key, all writes in one transaction on the target,
 * generated keys continue after the copied ids, and the row counts are compared before committing. The source is read
 * in one transaction too, so a store that is being written to is copied as of one moment. Blobs are not copied: they
 * stay in the data directory.
 */
export async function copyStore(fromUrl: string, toUrl: string, opts: CopyOptions = {}): Promise<CopyResult> {
  const a = parseStoreUrl(fromUrl);
  const b = parseStoreUrl(toUrl);
  if (a.backend === b.backend && a.location === b.location) throw new UserError('db copy: --from and --to name the same store');
  const source = await connectStore(fromUrl);
  try {
    const target = await connectStore(toUrl);
    try {
      await runMigrations(source.db, source.features, source.label, source.schema);
      await runMigrations(target.db, target.features, target.label, target.schema);
      return await copyConnected(source, target, opts);
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

async function copyConnected(source: BackendConnection, target: BackendConnection, opts: CopyOptions): Promise<CopyResult> {
  const batchRows = opts.batchRows ?? 2000;
  const onProgress = opts.onProgress ?? (() => {});
  // Read before the transaction: SQLite has one connection, which the transaction then holds.
  const order = foreignKeyOrder(await source.tableKeys(Object.keys(await kyselyStore(source.db, source.capabilities).tableCounts())));
  return source.db.transaction().setIsolationLevel('repeatable read').execute(async (src) => {
    const counts = await kyselyStore(src, source.capabilities).tableCounts();
    return target.db.transaction().execute(async (dst) => {
      const before = await kyselyStore(dst, target.capabilities).tableCounts();
      const replaced = Object.values(before).reduce((s, n) => s + n, 0);
      if (replaced > 0 && !opts.force) {
        const filled = Object.entries(before).filter(([, n]) => n > 0).map(([t, n]) => `${t} ${n}`);
        throw new UserError(`db copy: ${target.label} is not empty (${filled.slice(0, 5).join(', ')}${filled.length > 5 ? ', …' : ''}); add --force to replace its rows`, 1);
      }
      if (replaced > 0) for (const t of [...order].reverse()) await (dst as unknown as AnyDb).deleteFrom(t.table).execute();
      const tables = [];
      for (const t of order) {
        const total = counts[t.table] ?? 0;
        const rows = await copyTable(src, dst, t, total, batchRows, (p) => onProgress(p));
        tables.push({ table: t.table, rows });
      }
      await target.resetGeneratedKeys(dst, order.map((t) => t.table));
      const after = await kyselyStore(dst, target.capabilities).tableCounts();
      const wrong = Object.keys(counts).filter((t) => after[t] !== counts[t]);
      if (wrong.length > 0) throw new Error(`db copy: row counts differ after copying (${wrong.map((t) => `${t}: ${counts[t]} → ${after[t]}`).join(', ')}); nothing was committed`);
      return { from: source.label, to: target.label, tables, replaced };
    });
  });
}

/** Copies one table page by page in primary-key order (a self-reference, e.g. a duplicate's original, points back). */
async function copyTable(
  src: Transaction<Database>, dst: Transaction<Database>, t: TableKeys, total: number, batchRows: number, onProgress: (p: Progress) => void,
): Promise<number> {
  if (t.primaryKey.length === 0) throw new Error(`db copy: table ${t.table} has no primary key to page by`);
  const from = src as unknown as AnyDb;
  const to = dst as unknown as AnyDb;
  const key = sql.join(t.primaryKey.map((c) => sql.ref(c)));
  let last: unknown[] | undefined;
  let copied = 0;
  onProgress({ phase: t.table, done: 0, total });
  for (;;) {
    const after = last ? sql`where (${key}) > (${sql.join(last)})` : sql``;
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(t.table)} ${after} order by ${key} limit ${batchRows}`.execute(from)).rows;
    if (rows.length === 0) break;
    const perInsert = Math.max(1, Math.floor(MAX_PARAMS / Object.keys(rows[0]!).length));
    for (let i = 0; i < rows.length; i += perInsert) await to.insertInto(t.table).values(rows.slice(i, i + perInsert)).execute();
    copied += rows.length;
    const end = rows[rows.length - 1]!;
    last = t.primaryKey.map((c) => end[c]);
    onProgress({ phase: t.table, done: copied, total });
    if (rows.length < batchRows) break;
  }
  return copied;
}

/** Tables ordered so that every table comes after those it references (ties keep the given order). */
export function foreignKeyOrder(tables: readonly TableKeys[]): TableKeys[] {
  const pending = new Map(tables.map((t) => [t.table, t]));
  const out: TableKeys[] = [];
  while (pending.size > 0) {
    const ready = [...pending.values()].find((t) => t.references.every((r) => r === t.table || !pending.has(r)));
    if (!ready) throw new Error(`db copy: foreign keys form a cycle among ${[...pending.keys()].join(', ')}`);
    out.push(ready);
    pending.delete(ready.table);
  }
  return out;
}
