import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { afterAll } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite-store.js';
import { openPostgresStore } from '../../src/store/postgres/open-postgres-store.js';

/** The PostgreSQL server the PostgreSQL suites use (`.ci/run` sets it); unset, they are skipped. */
export const PG_URL = process.env.HELDOUT_PG_URL;

/** A store location for one test: its URL and how to remove it again. */
export interface ScratchDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/**
 * A fresh, empty PostgreSQL schema with a random name (`?schema=t_…` on HELDOUT_PG_URL), so parallel test files and
 * workers never share tables; `drop` removes it with everything in it.
 */
export function scratchPostgres(): ScratchDatabase {
  if (PG_URL === undefined) throw new Error('HELDOUT_PG_URL is not set');
  const schema = `t_${randomBytes(8).toString('hex')}`;
  const url = new URL(PG_URL);
  url.searchParams.set('schema', schema);
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      try {
        await client.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

/** One store backend as the store suites see it: `open(dir)` twice on the same dir reopens the same store. */
export interface StoreBackend {
  readonly name: 'sqlite' | 'postgres';
  /** False when the backend's server is not configured: the suite is skipped. */
  readonly available: boolean;
  open(dir: string): Promise<Store>;
  /** Clears what `open(dir)` created outside `dir` (a PostgreSQL schema); call after closing the store. */
  destroy(dir: string): Promise<void>;
}

/**
 * PostgreSQL schemas of this test file: one per store open at a time, migrated once, emptied (TRUNCATE … RESTART
 * IDENTITY, so ids start at 1 again as in a fresh schema) when a test is done with it, dropped after the file.
 * Migrating a fresh schema for every test would cost far more than the tests themselves.
 */
const schemaOf = new Map<string, ScratchDatabase>();
const idle: ScratchDatabase[] = [];
const created: ScratchDatabase[] = [];
afterAll(async () => {
  for (const s of created.splice(0)) await s.drop();
  idle.length = 0;
});

async function emptySchema(url: string): Promise<void> {
  const schema = new URL(url).searchParams.get('schema')!;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ t: string }>(
      `select quote_ident(table_name) as t from information_schema.tables where table_schema = $1 and table_name not like 'kysely_%'`, [schema]);
    if (rows.length > 0) await client.query(`truncate ${rows.map((r) => `"${schema}".${r.t}`).join(', ')} restart identity cascade`);
  } finally {
    await client.end();
  }
}

/**
 * Every backend, for suites written once: `for (const b of STORE_BACKENDS) describe.skipIf(!b.available)(…)`.
 * SQLite always runs; PostgreSQL when HELDOUT_PG_URL is set.
 */
export const STORE_BACKENDS: readonly StoreBackend[] = [
  {
    name: 'sqlite', available: true,
    open: (dir) => openSqliteStore(path.join(dir, 'heldout.db')),
    destroy: async () => {},
  },
  {
    name: 'postgres', available: PG_URL !== undefined,
    open: (dir) => {
      let scratch = schemaOf.get(dir);
      if (!scratch) {
        scratch = idle.pop();
        if (!scratch) created.push((scratch = scratchPostgres()));
        schemaOf.set(dir, scratch);
      }
      return openPostgresStore(scratch.url, { maxConnections: 4 });
    },
    destroy: async (dir) => {
      const scratch = schemaOf.get(dir);
      if (!scratch) return;
      schemaOf.delete(dir);
      await emptySchema(scratch.url);
      idle.push(scratch);
    },
  },
];
