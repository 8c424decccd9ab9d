import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Database as Schema } from '../schema.js';
import type { BackendConnection, TableKeys } from '../backend.js';
import { UserError } from '../../errors.js';
import { postgresFeatures } from './postgres-features.js';

export interface PostgresOptions {
  /** Connections in the pool (default 10). */
  readonly maxConnections?: number;
}

const INT8 = 20;
const NUMERIC = 1700;

/** int8 (COUNT, SUM, our bigint columns) and numeric (SUM of bigint, AVG) as JS numbers, as the schema types say. */
function toNumber(text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n)) throw new Error(`PostgreSQL returned ${text}, which is not a finite number`);
  return n;
}

/** Type parsers for this pool's connections only: other pg users in the process keep pg's defaults. */
const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    (oid === INT8 || oid === NUMERIC) && format !== 'binary' ? toNumber : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

/**
 * A PostgreSQL URL split into what pg understands and our own `schema` parameter
 * (`postgres://host/db?schema=heldout` keeps every table in schema `heldout`, created if needed).
 */
export function parsePostgresUrl(url: string): { connectionString: string; schema: string | undefined; label: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UserError(`not a PostgreSQL URL: ${url.replace(/\/\/[^@/]*@/, '//…@')} (e.g. postgres://user@host:5432/db)`);
  }
  const schema = u.searchParams.get('schema') ?? undefined;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new UserError(`schema "${schema}": use lower-case letters, digits and _`);
  u.searchParams.delete('schema');
  const connectionString = u.toString();
  if (u.password !== '') u.password = '***';
  if (schema !== undefined) u.searchParams.set('schema', schema);
  return { connectionString, schema, label: u.toString() };
}

/** Connects a pool to a PostgreSQL database (or one schema of it). Migrations are the caller's. */
export async function connectPostgres(url: string, opts: PostgresOptions = {}): Promise<BackendConnection> {
  const { connectionString, schema, label } = parsePostgresUrl(url);
  const pool = new pg.Pool({
    connectionString,
    max: opts.maxConnections ?? 10,
    types: typeParsers,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle connection that breaks (a database restart) is dropped by the pool and replaced on the next query; without
  // a listener its error would end the process. One line per burst: a restart breaks every idle connection at once.
  let reported = 0;
  pool.on('error', (err) => {
    if (Date.now() - reported < 10_000) return;
    reported = Date.now();
    process.stderr.write(`heldout: ${label}: idle connection lost (${err.message}); new connections are opened as needed\n`);
  });
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  let current: string | undefined;
  try {
    // Fails here, with one clear line, when the server is unreachable or refuses us.
    await sql`select 1`.execute(db);
    if (schema !== undefined) await createSchema(db, schema);
    current = (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s;
  } catch (err) {
    await db.destroy();
    throw new UserError(`cannot use ${label}: ${err instanceof Error ? err.message : String(err)}`, 1);
  }
  return {
    db,
    capabilities: { supportsSkipLocked: true, multiProcess: true },
    features: postgresFeatures,
    label,
    ...(current === undefined ? {} : { schema: current }),
    tableKeys: (tables) => Promise.all(tables.map((t) => tableKeys(db, t))),
    async resetGeneratedKeys(trx, tables) {
      const identity = await sql<{ table_name: string; column_name: string }>`
        select table_name, column_name from information_schema.columns
        where table_schema = current_schema() and is_identity = 'YES' and table_name = any(${[...tables]})`.execute(trx);
      for (const { table_name: t, column_name: c } of identity.rows) {
        await sql`select setval(pg_get_serial_sequence(${t}, ${c}), coalesce(max(${sql.ref(c)}), 0) + 1, false) from ${sql.table(t)}`.execute(trx);
      }
    },
    close: () => db.destroy(),
  };
}

async function tableKeys(db: Kysely<Schema>, table: string): Promise<TableKeys> {
  const pk = await sql<{ name: string }>`
    select a.attname as name from pg_index i
    join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
    where i.indrelid = to_regclass(${table}) and i.indisprimary
    order by array_position(i.indkey::int2[], a.attnum)`.execute(db);
  const fks = await sql<{ ref: string }>`
    select distinct confrelid::regclass::text as ref from pg_constraint where conrelid = to_regclass(${table}) and contype = 'f'`.execute(db);
  return { table, primaryKey: pk.rows.map((r) => r.name), references: fks.rows.map((r) => r.ref) };
}

/** CREATE SCHEMA IF NOT EXISTS, when several processes start at once: the losers of the race see it exist. */
async function createSchema(db: Kysely<Schema>, schema: string): Promise<void> {
  try {
    await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  } catch (err) {
    const exists = await sql<{ n: number }>`select count(*) as n from pg_namespace where nspname = ${schema}`.execute(db);
    if (Number(exists.rows[0]?.n) !== 1) throw err;
  }
}
