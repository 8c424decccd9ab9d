import path from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestCandidates } from '../../src/collect/ingest-candidates.js';
import { candidateId } from '../../src/collect/candidate-id.js';
import { truncatedJpeg } from '../helpers/images.js';
import { tempWorkspace, workspaceCounts, type TempWorkspace } from '../helpers/temp-workspace.js';
import { sidewaysPhoto, smallPhoto, writeFiles } from './collect-fixtures.js';

const NOW = new Date('2026-11-28T12:00:00Z');
const DOG = 'n02084071';
const CAT = 'n02121620';

let t: TempWorkspace;
beforeEach(async () => {
  t = await tempWorkspace();
});
afterEach(() => t.cleanup());

const byWhere = <T extends { where: string }>(outcomes: readonly T[]): Record<string, T> => Object.fromEntries(outcomes.map((o) => [o.where, o]));

describe('ingest from a folder', () => {
  it('stores the original plus 500 px and 256×256 RGB copies, EXIF-rotated, with a reason for every bad file', async () => {
    const good = await smallPhoto(1);
    await writeFiles(t.scratch, {
      [`${DOG}/a.jpg`]: good,
      [`${DOG}/a-copy.jpg`]: good,
      [`${DOG}/sideways.jpg`]: await sidewaysPhoto(2),
      [`${CAT}/b.png`]: await sharp(await smallPhoto(3)).png().toBuffer(),
      [`${CAT}/empty.jpg`]: new Uint8Array(0),
      [`${CAT}/truncated.jpg`]: await truncatedJpeg(4),
      [`${CAT}/notes.txt`]: 'not an image',
      [`${CAT}/vector.svg`]: '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
      'loose.jpg': await smallPhoto(5),
    });
    const s = await ingestCandidates(t.ws, { pool: 'p', source: { kind: 'folder', path: t.scratch } }, { now: NOW });
    const o = byWhere(s.outcomes);
    // Files are taken in name order ("a-copy.jpg" < "a.jpg"): the first copy is kept, the second only reported.
    expect(o[`${DOG}/a-copy.jpg`]).toMatchObject({ status: 'accepted' });
    expect(o[`${DOG}/a.jpg`]).toMatchObject({ status: 'not-stored', reason: 'exact-duplicate' });
    expect(o[`${CAT}/empty.jpg`]).toMatchObject({ status: 'rejected', reason: 'empty-file' });
    expect(o[`${CAT}/truncated.jpg`]).toMatchObject({ status: 'rejected', reason: 'corrupt-image' });
    expect(o[`${CAT}/notes.txt`]).toMatchObject({ status: 'rejected', reason: 'unsupported-format' });
    expect(o[`${CAT}/vector.svg`]).toMatchObject({ status: 'rejected', reason: 'unsupported-format' });
    expect(o['loose.jpg']).toMatchObject({ status: 'rejected', reason: 'no-class' });
    expect(s).toMatchObject({ accepted: 3, rejected: 5, notStored: 1, skipped: 0, createdPool: true });

    const rows = await t.ws.store.listCandidates(s.pool.id);
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i));
    const sideways = rows.find((r) => r.source_path === `${DOG}/sideways.jpg`)!;
    expect([sideways.width, sideways.height]).toEqual([120, 160]); // orientation applied: portrait as viewed
    const scaled = await sharp(await t.ws.blobs.get(sideways.scaled_sha256!)).metadata();
    expect([scaled.width, scaled.height, scaled.format, scaled.channels]).toEqual([375, 500, 'jpeg', 3]);
    const thumb = await sharp(await t.ws.blobs.get(sideways.thumb_sha256!)).metadata();
    expect([thumb.width, thumb.height]).toEqual([256, 256]);
    const png = rows.find((r) => r.source_path === `${CAT}/b.png`)!;
    expect(png).toMatchObject({ status: 'accepted', wnid: CAT, format: 'png', id: png.original_sha256 }); // no photo id: content hash
    expect((await t.ws.blobs.get(png.original_sha256!)).equals(await sharp(await smallPhoto(3)).png().toBuffer())).toBe(true);
    expect(rows.find((r) => r.source_path === `${CAT}/empty.jpg`)).toMatchObject({ status: 'rejected', reason: 'empty-file', original_sha256: null });
    expect(await t.ws.blobs.count()).toBe(9);
    expect((await t.ws.store.poolCandidateHashes(s.pool.id)).map((h) => h.phash)).toHaveLength(3);
  });

  it('adds nothing when the same folder is ingested again', async () => {
    await writeFiles(t.scratch, { [`${DOG}/a.jpg`]: await smallPhoto(1), [`${DOG}/bad.jpg`]: 'xx' });
    await ingestCandidates(t.ws, { pool: 'p', source: { kind: 'folder', path: t.scratch } }, { now: NOW });
    const before = await workspaceCounts(t.ws);
    const again = await ingestCandidates(t.ws, { pool: 'p', source: { kind: 'folder', path: t.scratch } }, { now: NOW });
    expect(again).toMatchObject({ accepted: 0, rejected: 0, skipped: 2, newBlobs: 0, createdPool: false });
    expect(await workspaceCounts(t.ws)).toEqual(before);
  });
});

describe('ingest from metadata', () => {
  it('reads CSV rows and rejects each bad one with its reason', async () => {
    await writeFiles(t.scratch, {
      'img/1.jpg': await smallPhoto(11), 'img/2.jpg': await smallPhoto(12), 'img/3.jpg': await smallPhoto(13),
      'img/4.jpg': await smallPhoto(14), 'img/5.jpg': await smallPhoto(15, 100, 80),
      'meta.csv': [
        'file,source_id,source_url,owner,license,date_taken,date_uploaded,title,tags,wnid',
        `img/1.jpg,101,https://x/1.jpg,alice,4,2013-01-02 10:00:00,1358000000,A dog,"dog, park",${DOG}`,
        `img/gone.jpg,102,,bob,4,,1358000000,,,${DOG}`,
        `img/2.jpg,103,,carol,4,2013-02-30 10:00:00,1358000000,,,${DOG}`,
        `img/3.jpg,101,,dave,4,,1358000000,,,${DOG}`,
        `img/4.jpg,104,,erin,0,,1358000000,,,${DOG}`,
        `img/5.jpg,105,,frank,4,,1358000000,,,${DOG}`,
        `img/4.jpg,106,,gil,4,,1200000000,,,${DOG}`,
      ].join('\n'),
    });
    const s = await ingestCandidates(t.ws, {
      pool: 'meta', source: { kind: 'metadata', file: path.join(t.scratch, 'meta.csv') },
      filters: { licences: ['4', '5'], uploaded: { from: '2012-07-11T00:00:00Z', to: '2013-07-11T00:00:00Z' }, minWidth: 120, minHeight: 90 },
    }, { now: NOW });
    const o = byWhere(s.outcomes);
    expect(o['meta.csv:2']).toMatchObject({ status: 'accepted', id: candidateId({ sourceId: '101', sourceName: 'web' }, null) });
    expect(o['meta.csv:3']).toMatchObject({ status: 'rejected', reason: 'missing-file' });
    expect(o['meta.csv:4']).toMatchObject({ status: 'rejected', reason: 'bad-metadata' });
    expect(o['meta.csv:4']!.detail).toContain('2013-02-30');
    expect(o['meta.csv:5']).toMatchObject({ status: 'not-stored', reason: 'duplicate-id' });
    expect(o['meta.csv:6']).toMatchObject({ status: 'rejected', reason: 'licence-not-allowed' });
    expect(o['meta.csv:7']).toMatchObject({ status: 'rejected', reason: 'too-small', detail: '100×80 is below the minimum 120×90' });
    expect(o['meta.csv:8']).toMatchObject({ status: 'rejected', reason: 'uploaded-outside-window' });
    const a = await t.ws.store.findCandidate(o['meta.csv:2']!.id!);
    expect(a).toMatchObject({ owner: 'alice', license: '4', date_taken: '2013-01-02T10:00:00.000Z', date_uploaded: '2013-01-12T14:13:20.000Z', title: 'A dog', tags: '["dog","park"]', source_url: 'https://x/1.jpg' });
  });

  it('reads JSON metadata and fails whole-file problems with one line', async () => {
    await writeFiles(t.scratch, { 'a.jpg': await smallPhoto(21), 'm.json': JSON.stringify({ candidates: [{ file: 'a.jpg', source_id: 7, tags: ['x'] }, { file: 3 }, { nofile: true }] }), 'bad.json': '{', 'nofile.csv': 'name\nx' });
    const s = await ingestCandidates(t.ws, { pool: 'j', source: { kind: 'metadata', file: path.join(t.scratch, 'm.json'), wnid: DOG } }, { now: NOW });
    expect(s.outcomes.map((x) => [x.status, x.reason])).toEqual([['accepted', undefined], ['rejected', 'missing-file'], ['rejected', 'bad-metadata']]);
    await expect(ingestCandidates(t.ws, { pool: 'j', source: { kind: 'metadata', file: path.join(t.scratch, 'bad.json') } })).rejects.toThrow(/not valid JSON/);
    await expect(ingestCandidates(t.ws, { pool: 'j', source: { kind: 'metadata', file: path.join(t.scratch, 'nofile.csv') } })).rejects.toThrow(/no "file" column/);
    await expect(ingestCandidates(t.ws, { pool: 'j', source: { kind: 'metadata', file: path.join(t.scratch, 'none.csv') } })).rejects.toThrow(/not found/);
  });
});

describe('ingest Flickr search results', () => {
  it('pairs photos with downloaded files, uses ImageNetV2 ids and the largest rendition', async () => {
    const photo = (id: string, extra: object) => ({ id, owner: `o${id}`, secret: 's', title: `t${id}`, license: '4', dateupload: '1358000000', datetaken: '2012-12-01 08:00:00', tags: 'dog puppy', ...extra });
    await writeFiles(t.scratch, {
      'dl/8001_abc_o.jpg': await smallPhoto(31),
      'dl/8002.jpg': await smallPhoto(32),
      'dl/8003.jpg': await smallPhoto(33),
      'search.json': JSON.stringify({ photos: { page: 1, photo: [
        photo('8001', { url_o: 'https://f/8001_o.jpg', url_z: 'https://f/8001_z.jpg' }),
        photo('8002', { url_m: 'https://f/8002_m.jpg' }),
        photo('8003', { url_c: 'https://f/8003_c.jpg', dateupload: 'soon' }),
        photo('8004', { url_o: 'https://f/8004_o.jpg' }),
        { owner: 'x' },
      ] }, stat: 'ok' }),
    });
    const s = await ingestCandidates(t.ws, { pool: 'fl', source: { kind: 'flickr', file: path.join(t.scratch, 'search.json'), filesDir: path.join(t.scratch, 'dl'), wnid: DOG } }, { now: NOW });
    expect(s.outcomes.map((o) => [o.status, o.reason])).toEqual([
      ['accepted', undefined], ['rejected', 'too-small'], ['rejected', 'bad-metadata'], ['rejected', 'missing-file'], ['rejected', 'bad-metadata'],
    ]);
    const id = candidateId({ sourceId: '8001', sourceName: 'flickr' }, null)!;
    expect(id).toBe('bbb59e4261ac75fef517611fac2b909e3fe593ca'); // Python: hashlib.sha1(b'8001flickr').hexdigest()
    expect(await t.ws.store.findCandidate(id)).toMatchObject({ source_id: '8001', source_url: 'https://f/8001_o.jpg', owner: 'o8001', source_path: '8001_abc_o.jpg', date_taken: '2012-12-01T08:00:00.000Z' });
  });
});

describe('ingest never leaves a half-written batch', () => {
  it('rolls back a batch whose transaction fails and completes on the next run', async () => {
    const files: Record<string, Buffer> = {};
    for (let i = 0; i < 10; i++) files[`${DOG}/${String(i).padStart(2, '0')}.jpg`] = await smallPhoto(100 + i);
    await writeFiles(t.scratch, files);
    const source = { kind: 'folder' as const, path: t.scratch };
    // A real SQLite failure in the middle of the third batch's transaction, after its candidate rows went in.
    const sha7 = (await import('../../src/collect/candidate-id.js')).sha256Hex(files[`${DOG}/07.jpg`]!);
    const db = new Database(path.join(t.dataDir, 'heldout.db'));
    db.exec(`CREATE TRIGGER fail_once BEFORE INSERT ON collect_hashes WHEN NEW.subject_id = '${sha7}' BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    await expect(ingestCandidates(t.ws, { pool: 'p', source }, { now: NOW, batchSize: 3 })).rejects.toThrow(/disk full/);
    const pool = (await t.ws.store.findPool('p'))!;
    expect(await t.ws.store.countCandidates(pool.id)).toBe(6); // two whole batches, nothing of the third
    expect(await t.ws.blobs.count()).toBe(18);
    db.exec('DROP TRIGGER fail_once');
    db.close();
    const progress: string[] = [];
    const rest = await ingestCandidates(t.ws, { pool: 'p', source }, { now: NOW, batchSize: 3, onProgress: (p) => progress.push(`${p.phase} ${p.done}/${p.total}`) });
    expect(rest).toMatchObject({ accepted: 4, skipped: 6 });
    expect(progress).toEqual(['ingest 0/10', 'ingest 3/10', 'ingest 6/10', 'ingest 9/10', 'ingest 10/10']);
    expect((await t.ws.store.listCandidates(pool.id)).map((c) => c.source_path)).toEqual(Object.keys(files));
    expect(await t.ws.blobs.count()).toBe(30);
  });
});

describe('ingest input errors', () => {
  it('refuses bad pool names and missing folders with one line', async () => {
    await expect(ingestCandidates(t.ws, { pool: 'bad name', source: { kind: 'folder', path: t.scratch } })).rejects.toThrow(/pool name/);
    await expect(ingestCandidates(t.ws, { pool: 'p', source: { kind: 'folder', path: path.join(t.scratch, 'nope') } })).rejects.toThrow(/folder not found/);
  });
});
