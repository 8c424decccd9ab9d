import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHeldout } from '../helpers/run-heldout.js';
import { tempDir } from '../helpers/temp-workspace.js';
import { TRANSFORMS } from '../../bench/collect-photo-like.mjs';
import { photoLikeJpeg, writeFiles } from './collect-fixtures.js';

const DOG = 'n02084071';
let dir: string;
let cleanup: () => Promise<void>;
let data: string;
const heldout = (...args: string[]) => runHeldout(data, ...args);

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('heldout-collect-cli-'));
  data = path.join(dir, 'data');
  const a = await photoLikeJpeg(1, { width: 200, height: 150 });
  const b = await photoLikeJpeg(2, { width: 200, height: 150 });
  await writeFiles(dir, {
    [`ref/${DOG}/a.jpg`]: a, [`ref/${DOG}/b.jpg`]: b,
    'cand/a-resized.jpg': await TRANSFORMS.resized.apply(a), 'cand/c.jpg': await photoLikeJpeg(3, { width: 200, height: 150 }), 'cand/zero.jpg': '',
  });
  expect((await heldout('dataset', 'import', 'imagefolder', path.join(dir, 'ref'), '--name', 'ref', '--split', 'val')).code).toBe(0);
}, 60_000);
afterAll(() => cleanup());

describe('heldout collect', () => {
  it('plans queries as text, JSON and CSV', async () => {
    const json = await heldout('collect', 'plan', 'n02085782', '--per-class', '10', '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toContainEqual({ wnid: 'n02085782', query: 'Japanese spaniel dog', kind: 'disambiguated', quota: 3 }); // 10 over 3 queries: 4, 3, 3
    const csv = await heldout('collect', 'plan', 'n02085782', '--csv');
    expect(csv.out.split('\n')[0]).toBe('wnid,query,kind,quota');
    expect(csv.out).toContain('n02085782,Japanese spaniel,lemma,');
    expect((await heldout('collect', 'plan', 'n99999999')).code).toBe(2);
    await writeFiles(dir, { 'hand.json': JSON.stringify({ n02085782: ['Japanese chin dog'], n09472597: { add: ['lava mountain'] } }), 'bad.json': '{"volcano": []}' });
    const hand = await heldout('collect', 'plan', 'n02085782', 'n09472597', '--overrides', path.join(dir, 'hand.json'), '--json');
    const rows = JSON.parse(hand.out) as Array<{ wnid: string; query: string; kind: string }>;
    expect(rows.filter((r) => r.wnid === 'n02085782')).toEqual([{ wnid: 'n02085782', query: 'Japanese chin dog', kind: 'override', quota: null }]);
    expect(rows.at(-1)).toEqual({ wnid: 'n09472597', query: 'lava mountain', kind: 'override', quota: null });
    const bad = await heldout('collect', 'plan', 'n02085782', '--overrides', path.join(dir, 'bad.json'));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('keys must be wnids');
  });

  it('ingests, lists, deduplicates, reviews and resolves', async () => {
    const ingest = await heldout('collect', 'ingest', 'folder', path.join(dir, 'cand'), '--pool', 'p', '--wnid', DOG);
    expect(ingest.code).toBe(0);
    expect(ingest.out).toContain('pool p (new): 2 accepted, 1 rejected');
    expect(ingest.out).toContain('rejected   zero.jpg: empty-file (zero bytes)');
    const again = await heldout('collect', 'ingest', 'folder', path.join(dir, 'cand'), '--pool', 'p', '--wnid', DOG, '--json');
    expect(JSON.parse(again.out)).toMatchObject({ accepted: 0, rejected: 0, skipped: 3 });

    const pools = JSON.parse((await heldout('collect', 'pools', '--json')).out);
    expect(pools).toEqual([expect.objectContaining({ name: 'p', accepted: 2, rejected: 1, pairs: 0 })]);
    const rejected = JSON.parse((await heldout('collect', 'candidates', '--pool', 'p', '--status', 'rejected', '--json')).out);
    expect(rejected).toEqual([expect.objectContaining({ reason: 'empty-file', source_path: 'zero.jpg' })]);

    const dedup = await heldout('collect', 'dedup', '--pool', 'p', '--against', 'ref', '--max-hamming', '8', '--json');
    expect(dedup.code).toBe(0);
    const d = JSON.parse(dedup.out);
    expect(d).toMatchObject({ referenceImages: 2, hashedNow: 2, candidates: 2, pairCount: 1 });
    expect(d.pairs.map((p: { metric: string }) => p.metric).sort()).toEqual(['dhash', 'l2', 'phash']);
    expect(Object.keys(d.pairs[0]).sort()).toEqual(['candidate', 'distance', 'metric', 'reference', 'referenceKind']);

    const list = await heldout('collect', 'review', '--pool', 'p');
    expect(list.out).toContain('0 of 1 pairs under the review thresholds decided');
    const pairId = /pair\s+(\d+)/.exec(list.out)![1]!;
    expect((await heldout('collect', 'review', '--pool', 'p', '--decide', pairId, 'maybe')).code).toBe(2);
    const decided = await heldout('collect', 'review', '--pool', 'p', '--decide', pairId, 'same');
    expect(decided.out).toContain('marked same');
    const resolved = JSON.parse((await heldout('collect', 'resolve', '--pool', 'p', '--json')).out);
    expect(resolved).toMatchObject({ accepted: 2, eligible: 1, confirmedPairs: 1, unreviewed: [] });
    expect(resolved.excluded[0]).toMatchObject({ kind: 'near-duplicate-of-reference' });
  });

  it('reports bad input with one line and exit code 2', async () => {
    const noPool = await heldout('collect', 'dedup', '--pool', 'nope', '--against', 'ref');
    expect(noPool).toMatchObject({ code: 2 });
    expect(noPool.err).toMatch(/^heldout: no candidate pool named "nope"/);
    expect((await heldout('collect', 'ingest', 'flickr', path.join(dir, 'x.json'), '--pool', 'p')).err).toContain('--files DIR');
    expect((await heldout('collect', 'ingest', 'folder', dir, '--pool', 'p', '--uploaded-from', '2013-02-30')).code).toBe(2);
    expect((await heldout('collect', 'dedup', '--pool', 'p', '--against', 'ref', '--threshold', 'ssim=3')).err).toContain('--threshold must be METRIC=VALUE');
  });
});
