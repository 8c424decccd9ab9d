import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { connectStore, openStore } from '../../src/store/open-store.js';
import { kyselyStore } from '../../src/store/kysely-store.js';
import { PG_URL, scratchPostgres, type ScratchDatabase } from '../helpers/store-backends.js';
import { seedEveryArea } from '../helpers/seed-store.js';
import { runCli } from '../helpers/run-heldout.js';

/** Every row of every table, each table ordered by its primary key: equal dumps mean equal stores. */
async function dump(url: string): Promise<Record<string, unknown[]>> {
  const conn = await connectStore(url);
  try {
    const counts = await kyselyStore(conn.db, conn.capabilities).tableCounts();
    const out: Record<string, unknown[]> = {};
    for (const t of await conn.tableKeys(Object.keys(counts))) {
      const order = sql.join(t.primaryKey.map((c) => sql.ref(c)));
      out[t.table] = (await sql<Record<string, unknown>>`select * from ${sql.table(t.table)} order by ${order}`.execute(conn.db)).rows;
    }
    return out;
  } finally {
    await conn.close();
  }
}

async function seeded(url: string): Promise<void> {
  const store = await openStore(url);
  try {
    await seedEveryArea(store);
  } finally {
    await store.close();
  }
}

describe('heldout db copy', () => {
  let dir: string;
  let a: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'heldout-db-copy-'));
    a = `sqlite:${path.join(dir, 'a.db')}`;
    await seeded(a);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('copies SQLite to SQLite page by page with identical contents, and refuses a non-empty target without --force', async () => {
    const b = `sqlite:${path.join(dir, 'b.db')}`;
    const run = await runCli(['db', 'copy', '--from', a, '--to', b, '--batch', '7']);
    expect(run.err).toContain('images: 40/40');
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/^copied \d+ rows in \d+ tables .* row counts match/);
    expect(await dump(b)).toEqual(await dump(a));
    const again = await runCli(['db', 'copy', '--from', a, '--to', b]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/is not empty \(datasets 1, .*add --force/);
    const forced = await runCli(['db', 'copy', '--from', a, '--to', b, '--force', '--json']);
    expect(forced.code, forced.err).toBe(0);
    expect(JSON.parse(forced.out)).toMatchObject({ replaced: expect.any(Number) as number });
    expect(await dump(b)).toEqual(await dump(a));
  });

  it('refuses the same store and unknown URLs with one line', async () => {
    expect((await runCli(['db', 'copy', '--from', a, '--to', a])).err).toBe('heldout: db copy: --from and --to name the same store\n');
    const bad = await runCli(['db', 'copy', '--from', a, '--to', 'mysql://x/y']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^heldout: unknown store URL "mysql:\/\/x\/y": use sqlite:PATH or postgres:/);
  });

  describe.skipIf(PG_URL === undefined)('with PostgreSQL', () => {
    let pg: ScratchDatabase;
    beforeEach(() => {
      pg = scratchPostgres();
    });
    afterEach(() => pg.drop());

    it('round-trips SQLite → PostgreSQL → SQLite with identical table counts and contents', async () => {
      const toPg = await runCli(['db', 'copy', '--from', a, '--to', pg.url, '--batch', '7']);
      expect(toPg.code, toPg.err).toBe(0);
      const original = await dump(a);
      expect(await dump(pg.url)).toEqual(original);
      const back = `sqlite:${path.join(dir, 'back.db')}`;
      const toSqlite = await runCli(['db', 'copy', '--from', pg.url, '--to', back]);
      expect(toSqlite.code, toSqlite.err).toBe(0);
      expect(await dump(back)).toEqual(original);
      const counts = await Promise.all([a, pg.url, back].map(async (u) => {
        const s = await openStore(u);
        try {
          return await s.tableCounts();
        } finally {
          await s.close();
        }
      }));
      expect(counts[1]).toEqual(counts[0]);
      expect(counts[2]).toEqual(counts[0]);
    });

    it('continues generated ids after the copied ones, and serves every command through the global --db', async () => {
      expect((await runCli(['db', 'copy', '--from', a, '--to', pg.url])).code).toBe(0);
      const store = await openStore(pg.url);
      try {
        const before = (await store.listCrowdWorkers()).map((w) => w.id);
        const w = await store.createCrowdWorker({ name: 'new', kind: 'account', simulated: false }, new Date());
        expect(w.id).toBe(Math.max(...before) + 1);
      } finally {
        await store.close();
      }
      const list = await runCli(['--data-dir', dir, '--db', pg.url, 'dataset', 'list']);
      expect(list.code, list.err).toBe(0);
      expect(list.out).toContain('dé');
      const viaEnv = await runCli(['--data-dir', dir, 'dataset', 'list'], { HELDOUT_DB_URL: pg.url });
      expect(viaEnv.out).toBe(list.out);
    });
  });
});

describe.skipIf(PG_URL === undefined)('heldout migrate --db (PostgreSQL)', () => {
  let pg: ScratchDatabase;
  beforeEach(() => {
    pg = scratchPostgres();
  });
  afterEach(() => pg.drop());

  it('applies every migration once and then reports the schema up to date', async () => {
    const first = await runCli(['migrate', '--db', pg.url]);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/applied \d+ migrations\n {2}0001-foundation\n {2}0002-collect\n/);
    expect(first.out.startsWith(`${pg.url}: applied`)).toBe(true);
    const second = await runCli(['--db', pg.url, 'migrate', '--json']);
    expect(JSON.parse(second.out)).toMatchObject({ applied: [] });
    // Another schema of the same database has its own migration bookkeeping (not the first schema's tables).
    const other = scratchPostgres();
    try {
      const third = await runCli(['migrate', '--json', '--db', other.url]);
      expect(third.code, third.err).toBe(0);
      expect((JSON.parse(third.out) as { applied: string[] }).applied).toContain('0001-foundation');
    } finally {
      await other.drop();
    }
  });

  it('runs concurrent migrations once (the Migrator lock) and names an unreachable server in one line', async () => {
    const runs = await Promise.all([0, 1, 2].map(() => runCli(['migrate', '--json', '--db', pg.url])));
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    const applied = runs.flatMap((r) => (JSON.parse(r.out) as { applied: string[] }).applied);
    expect(applied.filter((n) => n === '0001-foundation')).toHaveLength(1);
    const down = await runCli(['migrate', '--db', 'postgres://nobody:secret@127.0.0.1:1/x']);
    expect(down.code).toBe(1);
    expect(down.err).toMatch(/^heldout: cannot use postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/x: .*ECONNREFUSED/);
  });
});
