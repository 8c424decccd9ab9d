import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../schema.js';

/** A connection or an open transaction; area queries work on either. */
export type Db = Kysely<Database> | Transaction<Database>;

/** Runs `work` in a transaction, joining the caller's one if `db` already is a transaction. */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  return (db as Kysely<Database>).transaction().execute(work);
}

/** Rows per INSERT: keeps every statement under SQLite's 32,766 bound-parameter limit and PostgreSQL's 65,535. */
const INSERT_CHUNK = 500;

export async function insertChunked<T>(rows: readonly T[], insert: (chunk: readonly T[]) => Promise<unknown>, chunk = INSERT_CHUNK): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) await insert(rows.slice(i, i + chunk));
}

/** Counts rows of the given tables, for `Store.tableCounts`: one statement, so one round trip on a networked backend. */
export async function countRows(db: Db, tables: readonly (keyof Database)[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = 0;
  if (tables.length === 0) return out;
  const counts = tables.map((t) => sql`select ${t} as t, count(*) as n from ${sql.table(t)}`);
  const { rows } = await sql<{ t: string; n: number }>`${sql.join(counts, sql` union all `)}`.execute(db);
  for (const r of rows) out[r.t] = Number(r.n);
  return out;
}
