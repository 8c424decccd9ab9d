import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSqlite } from '../../src/store/sqlite/open-sqlite-store.js';
import { tempDir } from '../helpers/temp-workspace.js';

// Two processes (say, two `heldout worker`s on one SQLite workspace) running read-then-write transactions at once:
// with a plain BEGIN, SQLite refuses one process's upgrade to a write lock at once (SQLITE_BUSY) and its job fails;
// transactions that take the write lock when they begin queue behind the busy timeout instead.

const run = promisify(execFile);
const CHILD = path.join(import.meta.dirname, 'fixtures/sqlite-increments.mjs');
const EACH = 150;
let dir: Awaited<ReturnType<typeof tempDir>>;

describe('SQLite transactions across processes', () => {
  beforeAll(async () => {
    dir = await tempDir();
  });
  afterAll(() => dir.cleanup());

  it('never fail or lose an update when two processes read and write at once', async () => {
    const file = path.join(dir.dir, 'counter.sqlite');
    const c = connectSqlite(file);
    await sql`create table counter (n integer not null)`.execute(c.db);
    await sql`insert into counter (n) values (0)`.execute(c.db);
    await c.close();

    const start = Date.now() + 4000;
    const children = await Promise.all([0, 1].map(() => run(process.execPath, [CHILD, file, String(EACH), String(start)], { timeout: 60_000 })));
    expect(children.map((r) => JSON.parse(r.stdout))).toEqual([{ failed: 0 }, { failed: 0 }]);

    const after = connectSqlite(file);
    const { rows } = await sql<{ n: number }>`select n from counter`.execute(after.db);
    await after.close();
    expect(rows[0]!.n).toBe(2 * EACH);
  }, 90_000);
});
