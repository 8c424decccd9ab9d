import { Migrator, type Kysely } from 'kysely';
import type { DialectFeatures } from './dialect-features.js';
import type { Database } from '../schema.js';
import { migrationProvider } from './index.js';

/**
 * Brings a database to the latest migration and returns the names applied now (empty when it was up to date).
 * `migrationTableSchema` is where the Migrator's bookkeeping tables live (PostgreSQL: the store's schema).
 * Kysely's Migrator holds a lock while it runs (an advisory lock on PostgreSQL), so several processes may start at once.
 */
export async function runMigrations(db: Kysely<Database>, features: DialectFeatures, label: string, migrationTableSchema?: string): Promise<string[]> {
  // Areas add their migrations independently (0002 may land after 0005), so order is checked per migration, not globally.
  const migrating = (features.migrationPlugins ?? []).reduce((d, plugin) => d.withPlugin(plugin), db);
  const migrator = new Migrator({
    db: migrating, provider: migrationProvider(features), allowUnorderedMigrations: true,
    // Named explicitly where there are schemas: the Migrator otherwise takes a kysely_migration table in any schema of
    // the database for its own.
    ...(migrationTableSchema === undefined ? {} : { migrationTableSchema }),
  });
  let { error, results } = await migrator.migrateToLatest();
  // The Migrator looks for its tables by introspecting every schema of the database before it takes its lock; a
  // schema that another client drops at that moment fails the lookup ("schema … does not exist"). Nothing was applied
  // then, so looking again is safe.
  for (let retry = 0; retry < 3 && error && droppedElsewhere(error, migrationTableSchema); retry++) {
    ({ error, results } = await migrator.migrateToLatest());
  }
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`${label}: migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

function droppedElsewhere(error: unknown, own: string | undefined): boolean {
  const m = /schema "([^"]+)" does not exist/.exec(error instanceof Error ? error.message : String(error));
  return m !== null && m[1] !== own;
}
