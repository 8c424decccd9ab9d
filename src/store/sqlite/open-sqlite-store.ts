import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import type { Database as Schema } from '../schema.js';
import { kyselyStore } from '../kysely-store.js';
import { migrationProvider } from '../migrations/index.js';
import type { Store } from '../store.js';
import { sqliteFeatures } from './sqlite-features.js';

/**
 * Opens (creating if needed) a SQLite store file and brings it to the latest migration.
 * WAL lets the server read while an import writes; a busy timeout makes a second writer wait instead of failing.
 */
export async function openSqliteStore(file: string): Promise<Store> {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrateToLatest(db);
  return kyselyStore(db, { supportsSkipLocked: false, multiProcess: false }, () => db.destroy());
}

async function migrateToLatest(db: Kysely<Schema>): Promise<void> {
  // Areas add their migrations independently (0002 may land after 0005), so order is checked per migration, not globally.
  const migrator = new Migrator({ db, provider: migrationProvider(sqliteFeatures), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`SQLite migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
