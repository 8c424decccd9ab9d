import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cachedStatements } from '../../src/store/sqlite/cached-statements.js';

describe('prepared-statement cache (SQLite)', () => {
  it('reuses statements per SQL text, evicts the least recently used, and prepares afresh while one iterates', () => {
    const raw = new Database(':memory:');
    raw.exec('create table t (x integer)');
    const db = cachedStatements(raw, 2);
    const a = db.prepare('insert into t (x) values (?)');
    for (let i = 0; i < 5; i++) db.prepare('insert into t (x) values (?)').run([i]);
    expect(db.prepare('insert into t (x) values (?)')).toBe(a);
    const count = db.prepare('select count(*) as n from t');
    expect(count.all([])).toEqual([{ n: 5 }]);
    expect(db.stats).toMatchObject({ prepared: 2, size: 2 });
    // A third SQL text evicts the least recently used one (the insert was used before the count).
    db.prepare('select x from t order by x');
    expect(db.prepare('select count(*) as n from t')).toBe(count);
    expect(db.prepare('insert into t (x) values (?)')).not.toBe(a);
    // While a statement iterates it is busy: the same SQL gets a fresh statement, and both work.
    const scan = db.prepare('select x from t order by x');
    const seen: unknown[] = [];
    for (const row of scan.iterate([])) {
      const inner = db.prepare('select x from t order by x');
      expect(inner).not.toBe(scan);
      seen.push([row, inner.all([]).length]);
    }
    expect(seen).toHaveLength(5);
    expect(() => cachedStatements(raw, 0)).toThrow(RangeError);
    db.close();
    expect(raw.open).toBe(false);
  });
});
