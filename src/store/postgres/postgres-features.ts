import type { DialectFeatures } from '../migrations/dialect-features.js';
import { sqliteTypeNames } from './sqlite-type-names.js';

export const postgresFeatures: DialectFeatures = {
  // BY DEFAULT (not ALWAYS) so that `heldout db copy` can insert rows with their original ids.
  autoIncrementPrimaryKey: (col) => col.primaryKey().generatedByDefaultAsIdentity(),
  // `integer` → bigint, `real` → double precision: the sizes the shared migrations mean (see sqlite-type-names.ts).
  migrationPlugins: [sqliteTypeNames],
};
