import type { DialectFeatures } from '../migrations/dialect-features.js';

export const sqliteFeatures: DialectFeatures = {
  // INTEGER PRIMARY KEY AUTOINCREMENT never reuses ids of deleted rows, so old references stay unambiguous.
  autoIncrementPrimaryKey: (col) => col.primaryKey().autoIncrement(),
};
