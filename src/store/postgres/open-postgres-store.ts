import { openMigratedStore } from '../backend.js';
import type { Store } from '../store.js';
import { connectPostgres, type PostgresOptions } from './connect-postgres.js';

/**
 * Opens a store on a PostgreSQL database (`postgres://user:pass@host:5432/db`, optionally `?schema=name`) and brings it
 * to the latest migration; several servers may open the same database at once (the Migrator holds an advisory lock).
 */
export async function openPostgresStore(url: string, opts: PostgresOptions = {}): Promise<Store> {
  return openMigratedStore(await connectPostgres(url, opts));
}
