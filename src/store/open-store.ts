import path from 'node:path';
import { UserError } from '../errors.js';
import { openMigratedStore, type BackendConnection } from './backend.js';
import { runMigrations } from './migrations/run-migrations.js';
import type { Store } from './store.js';

/**
 * Every backend by URL scheme, loaded on first use so that a SQLite workspace never loads pg (and the reverse).
 * `sqlite:PATH` is a file; `postgres://…` / `postgresql://…` a database (with `?schema=name`, one schema of it).
 */
const BACKENDS = {
  sqlite: async (location: string) => (await import('./sqlite/open-sqlite-store.js')).connectSqlite(location),
  postgres: async (location: string) => (await import('./postgres/connect-postgres.js')).connectPostgres(location),
} satisfies Record<string, (location: string) => Promise<BackendConnection>>;

export type BackendName = keyof typeof BACKENDS;

/** A parsed store URL: which backend and where. */
export interface StoreUrl {
  readonly backend: BackendName;
  readonly location: string;
}

/** Parses `sqlite:PATH` (relative to the working directory) or `postgres://…`; throws a one-line error otherwise. */
export function parseStoreUrl(url: string): StoreUrl {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (file === '') throw new UserError('sqlite: needs a file path, e.g. sqlite:./heldout-data/heldout.db');
    return { backend: 'sqlite', location: path.resolve(file) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { backend: 'postgres', location: url };
  throw new UserError(`unknown store URL "${url.replace(/\/\/[^@/]*@/, '//…@')}": use sqlite:PATH or postgres://user@host:5432/db`);
}

/** Connects to the database a store URL names, without migrating it. */
export function connectStore(url: string): Promise<BackendConnection> {
  const { backend, location } = parseStoreUrl(url);
  return BACKENDS[backend](location);
}

/** Brings the database a store URL names to the latest migration; returns the migrations applied now. */
export async function migrateStore(url: string): Promise<{ label: string; applied: string[] }> {
  const conn = await connectStore(url);
  try {
    return { label: conn.label, applied: await runMigrations(conn.db, conn.features, conn.label, conn.schema) };
  } finally {
    await conn.close();
  }
}

/** Opens the store a URL names, migrated to the latest schema. */
export async function openStore(url: string): Promise<Store> {
  return openMigratedStore(await connectStore(url));
}
