import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { DialectFeatures } from './dialect-features.js';
import * as m0001 from './0001-foundation.js';
import * as m0002 from './0002-collect.js';
import * as m0003 from './0003-crowd.js';
import * as m0004 from './0004-challenges.js';
import * as m0005 from './0005-testbed.js';
import * as m0006 from './0006-sample.js';
import * as m0007 from './0007-study.js';
import * as m0009 from './0009-collect-embeddings.js';
import * as m0010 from './0010-crowd-qualification.js';
import * as m0011 from './0011-crowd-pairs.js';

interface SharedMigration {
  up(db: Kysely<unknown>, f: DialectFeatures): Promise<void>;
}

/** Versioned migrations, applied in key order. Never edit a released one: add the next number. */
const MIGRATIONS: Record<string, SharedMigration> = {
  '0001-foundation': m0001,
  '0002-collect': m0002,
  '0003-crowd': m0003,
  '0004-challenges': m0004,
  '0005-testbed': m0005,
  '0006-sample': m0006,
  '0007-study': m0007,
  '0009-collect-embeddings': m0009,
  '0010-crowd-qualification': m0010,
  '0011-crowd-pairs': m0011,
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
