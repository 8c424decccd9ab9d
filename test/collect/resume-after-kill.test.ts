import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, REPO } from '../e2e/run-cli.js';
import { ingestCandidates } from '../../src/collect/ingest-candidates.js';
import { openWorkspace } from '../../src/store/workspace.js';
import { tempDir } from '../helpers/temp-workspace.js';
import { photoLikeJpeg, writeFiles } from './collect-fixtures.js';

const DOG = 'n02084071';
const FILES = 60;
let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('heldout-collect-kill-'));
  const files: Record<string, Buffer> = {};
  for (let i = 0; i < FILES; i++) files[`in/${DOG}/${String(i).padStart(3, '0')}.jpg`] = await photoLikeJpeg(500 + i, { width: 320, height: 240 });
  files[`in/${DOG}/zz-broken.jpg`] = Buffer.from('not a jpeg');
  await writeFiles(dir, files);
}, 120_000);
afterAll(() => cleanup());

/** Committed candidate rows, read through a second connection while the ingest runs (WAL allows it). */
function committed(dataDir: string): number {
  const file = path.join(dataDir, 'heldout.db');
  if (!existsSync(file)) return 0;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM collect_candidates').get() as { n: number }).n;
  } catch {
    return 0; // tables not created yet
  } finally {
    db.close();
  }
}

describe('ingest after kill -9', () => {
  it('completes on the next run with nothing missing or doubled', async () => {
    expect(existsSync(path.join(REPO, 'dist/cli/main.js')), 'run `npm run build` first: this test runs the built CLI').toBe(true);
    const data = path.join(dir, 'data');
    const input = path.join(dir, 'in');
    const child = spawn(process.execPath, [BIN, '--data-dir', data, 'collect', 'ingest', 'folder', input, '--pool', 'p', '--batch-size', '4'], { stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let atKill = 0;
    for (let i = 0; i < 6000 && atKill === 0; i++) {
      await new Promise((r) => setTimeout(r, 10));
      atKill = committed(data);
    }
    child.kill('SIGKILL');
    expect(await exited).toBeNull(); // killed by the signal, not finished
    const before = committed(data);
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(FILES + 1);
    expect(before % 4).toBe(0); // whole batches only

    const ws = await openWorkspace(data);
    try {
      const rest = await ingestCandidates(ws, { pool: 'p', source: { kind: 'folder', path: input } });
      expect(rest.skipped).toBe(before);
      expect(rest.accepted + rest.rejected + rest.skipped).toBe(FILES + 1);
      const pool = (await ws.store.findPool('p'))!;
      const rows = await ws.store.listCandidates(pool.id);
      expect(rows).toHaveLength(FILES + 1);
      expect(new Set(rows.map((r) => r.id)).size).toBe(FILES + 1);
      expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i));
      expect(rows.map((r) => r.source_path)).toEqual([...Array.from({ length: FILES }, (_, i) => `${DOG}/${String(i).padStart(3, '0')}.jpg`), `${DOG}/zz-broken.jpg`]);
      expect(rows.at(-1)).toMatchObject({ status: 'rejected', reason: 'unsupported-format' });
      for (const r of rows.filter((x) => x.status === 'accepted')) {
        for (const sha of [r.original_sha256!, r.scaled_sha256!, r.thumb_sha256!]) expect(await ws.blobs.has(sha)).toBe(true);
      }
      expect((await ws.store.poolCandidateHashes(pool.id))).toHaveLength(FILES);
      // Orphans from the killed batch may remain (never a row without its blob): at most one batch's three copies.
      const blobs = await ws.blobs.count();
      expect(blobs).toBeGreaterThanOrEqual(3 * FILES);
      expect(blobs).toBeLessThanOrEqual(3 * FILES + 3 * 4);
    } finally {
      await ws.close();
    }
  }, 180_000);
});
