import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';

/**
 * SQLite with every transaction opened as `BEGIN IMMEDIATE`. A plain `BEGIN` takes the write lock only at its first
 * write; when another process (a second `heldout worker`, the CLI next to a server) committed in between, SQLite
 * refuses the upgrade with SQLITE_BUSY at once, without waiting out the busy timeout. Taking the lock up front makes a
 * second writer wait its turn instead of failing its job.
 */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}
