import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';
import type { Store, StoreCapabilities } from './store.js';
import type { DialectFeatures } from './migrations/dialect-features.js';
import { runMigrations } from './migrations/run-migrations.js';
import { kyselyStore } from './kysely-store.js';

/** A table's primary key and the tables its foreign keys point at, as the database itself reports them. */
export interface TableKeys {
  readonly table: string;
  /** Primary-key columns in key order (copies page through a table by them). */
  readonly primaryKey: readonly string[];
  /** Tables this one references (itself included when it does). */
  readonly references: readonly string[];
}

/**
 * One open connection to a backend: what `Store`s, `heldout migrate` and `heldout db copy` are built on. Everything
 * that differs between databases is behind this object; shared code never asks which database it is.
 */
export interface BackendConnection {
  readonly db: Kysely<Database>;
  readonly capabilities: StoreCapabilities;
  /** What the shared migrations need to know about this backend. */
  readonly features: DialectFeatures;
  /** The connection's location for messages, with any password removed. */
  readonly label: string;
  /** The schema that holds the store's tables, in databases that have schemas. */
  readonly schema?: string;
  /** Primary keys and references of the given tables. */
  tableKeys(tables: readonly string[]): Promise<TableKeys[]>;
  /** After rows were written with explicit generated keys: make new keys continue after the largest one. */
  resetGeneratedKeys(trx: Transaction<Database>, tables: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** The Store over a connection, after bringing its database to the latest migration (closing it if that fails). */
export async function openMigratedStore(conn: BackendConnection): Promise<Store> {
  try {
    await runMigrations(conn.db, conn.features, conn.label, conn.schema);
  } catch (err) {
    await conn.close();
    throw err;
  }
  return kyselyStore(conn.db, conn.capabilities, () => conn.close());
}
