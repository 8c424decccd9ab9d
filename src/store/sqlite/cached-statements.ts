import type Database from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** How many distinct SQL strings keep a prepared statement (the whole app issues a few hundred shapes). */
export const DEFAULT_STATEMENT_CACHE_SIZE = 512;

export interface CachedStatements extends SqliteDatabase {
  /** Statements prepared so far (misses) and reused (hits), for tests and benchmarks. */
  readonly stats: { readonly prepared: number; readonly reused: number; readonly size: number };
}

/**
 * The better-sqlite3 database as Kysely's `SqliteDialect` sees it, with `prepare(sql)` answered from a bounded LRU of
 * prepared statements keyed by the SQL text. Kysely's driver prepares every query anew, which costs about as much as
 * running a small one; hot paths (submits, claims) repeat the same few SQL strings with new parameters.
 *
 * A statement that is still iterating (`busy`, e.g. a streamed select) cannot be rebound, so a fresh one is prepared
 * for that call. Parameters are bound per call, so sharing a statement is safe: better-sqlite3 runs it to completion
 * (`all`/`run`) before returning. Evicted statements are finalised by the garbage collector.
 *
 * @example new SqliteDialect({ database: cachedStatements(new Database(file)) })
 */
export function cachedStatements(db: Database.Database, capacity = DEFAULT_STATEMENT_CACHE_SIZE): CachedStatements {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`statement cache capacity must be a positive integer, got ${capacity}`);
  // A Map iterates in insertion order: re-inserting on a hit keeps the least recently used entry first.
  const cache = new Map<string, Database.Statement>();
  let prepared = 0;
  let reused = 0;
  return {
    prepare(sql: string): SqliteStatement {
      const hit = cache.get(sql);
      if (hit !== undefined && !hit.busy) {
        reused++;
        cache.delete(sql);
        cache.set(sql, hit);
        return hit;
      }
      const stmt = db.prepare(sql);
      prepared++;
      if (hit === undefined) {
        cache.set(sql, stmt);
        if (cache.size > capacity) cache.delete(cache.keys().next().value!);
      }
      return stmt;
    },
    close() {
      cache.clear();
      db.close();
    },
    get stats() {
      return { prepared, reused, size: cache.size };
    },
  };
}
