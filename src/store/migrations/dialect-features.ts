import type { ColumnDefinitionBuilder, KyselyPlugin } from 'kysely';

/** What a backend tells the shared migrations about itself, so migrations never test the dialect's name. */
export interface DialectFeatures {
  /** Turns a column into an auto-generated integer primary key in this backend's idiom. */
  autoIncrementPrimaryKey(col: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /**
   * Rewrites applied to every migration statement. Migrations name types as SQLite does; a backend whose types of the
   * same name mean something else maps them here (PostgreSQL: `integer` → `bigint`, `real` → `double precision`).
   */
  readonly migrationPlugins?: readonly KyselyPlugin[];
}
