import Database from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import type { Database as Schema } from '../schema.js';
import type { BackendConnection, TableKeys } from '../backend.js';
import { sqliteFeatures } from './sqlite-features.js';
import { openMigratedStore } from '../backend.js';
import type { Store } from '../store.js';
import { cachedStatements } from './cached-statements.js';
import { ImmediateSqliteDialect } from './immediate-sqlite-dialect.js';

/** Opens (creating if needed) a SQLite store file and brings it to the latest migration. */
export function openSqliteStore(file: string): Promise<Store> {
  return openMigratedStore(connectSqlite(file));
}

/**
 * Opens (creating if needed) a SQLite file, not migrated. WAL lets the server read while an import writes; a busy timeout makes a
 * second writer wait instead of failing, and transactions take the write lock when they begin (see ImmediateSqliteDialect).
 */
export function connectSqlite(file: string): BackendConnection {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<Schema>({ dialect: new ImmediateSqliteDialect({ database: cachedStatements(sqlite) }) });
  return {
    db,
    capabilities: { supportsSkipLocked: false, multiProcess: false },
    features: sqliteFeatures,
    label: `sqlite:${file}`,
    async tableKeys(tables) {
      const out: TableKeys[] = [];
      for (const table of tables) {
        const cols = await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${table})`.execute(db);
        const fks = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${table})`.execute(db);
        out.push({
          table,
          primaryKey: cols.rows.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
          references: [...new Set(fks.rows.map((f) => f.table))],
        });
      }
      return out;
    },
    // AUTOINCREMENT keeps its high-water mark in sqlite_sequence and raises it on every explicit insert.
    resetGeneratedKeys: async () => {},
    close: () => db.destroy(),
  };
}
