import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { DialectFeatures } from './dialect-features.js';
import * as m0001 from './0001-foundation.js';

interface SharedMigration {
  up(db: Kysely<unknown>, f: DialectFeatures): Promise<void>;
}

/** Versioned migrations, applied in key order. Never edit a released one: add the next number. */
const MIGRATIONS: Record<string, SharedMigration> = {
  '0001-foundation': m0001,
};

/** Binds the shared migrations to a backend's features for Kysely's Migrator. */
export function migrationProvider(features: DialectFeatures): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return Object.fromEntries(
        Object.entries(MIGRATIONS).map(([name, m]) => [name, { up: (db: Kysely<unknown>) => m.up(db, features) }]),
      );
    },
  };
}
