import type { ColumnDefinitionBuilder } from 'kysely';

/** What a backend tells the shared migrations about itself, so migrations never test the dialect's name. */
export interface DialectFeatures {
  /** Turns a column into an auto-generated integer primary key in this backend's idiom. */
  autoIncrementPrimaryKey(col: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
}
