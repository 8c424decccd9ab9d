import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosineDistance, DEFAULT_REVIEW_THRESHOLDS } from '../../src/collect/core/index.js';
import { loadEmbedder } from '../../src/collect/onnx-embedder.js';
import { binomialInterval } from '../../src/stats/index.js';
import { photoLikeJpeg, TRANSFORMS } from '../../bench/collect-photo-like.mjs';
import { runHeldout } from '../helpers/run-heldout.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';
import { writeFiles } from './collect-fixtures.js';

const DOG = 'n02084071';
/** The embedder of these tests: the zoo's LeNet-5, whose penultimate layer (84 tanh units) is the feature vector. */
const MODEL = 'lenet5';

interface DedupJson {
  pairs: Array<{ candidate: string; reference: string; referenceKind: string; metric: string; distance: number }>;
  thresholds: Record<string, number>;
  embedder?: { model: string; output: string; outputFrom: string; dim: number; embeddedNow: number };
}

let t: TempWorkspace;
const heldout = (...args: string[]) => runHeldout(t.dataDir, ...args);
const ids = new Map<string, string>();

beforeAll(async () => {
  t = await tempWorkspace();
  const refs = await Promise.all([1, 2, 3, 4, 5, 6].map((s) => photoLikeJpeg(s)));
  const unrelated = await photoLikeJpeg(100);
  await writeFiles(t.scratch, {
    ...Object.fromEntries(refs.map((r, i) => [`ref/${DOG}/r${i + 1}.jpg`, r])),
    'cand/reencoded.jpg': await TRANSFORMS.reencoded.apply(refs[0]!),
    'cand/resized.jpg': await TRANSFORMS.resized.apply(refs[1]!),
    'cand/cropped.jpg': await TRANSFORMS.cropped.apply(refs[2]!),
    'cand/mirrored.jpg': await TRANSFORMS.mirrored.apply(refs[3]!),
    'cand/unrelated.jpg': unrelated,
    'cand/unrelated-small.jpg': await TRANSFORMS.resized.apply(unrelated),
  });
  expect((await heldout('dataset', 'import', 'imagefolder', path.join(t.scratch, 'ref'), '--name', 'ref', '--split', 'val')).code).toBe(0);
  expect((await heldout('collect', 'ingest', 'folder', path.join(t.scratch, 'cand'), '--pool', 'p', '--wnid', DOG)).code).toBe(0);
  expect((await heldout('model', 'add', MODEL, '--onnx', `data/zoo/${MODEL}.onnx`, '--preset', 'fmnist-28', '--classes', 'fashion-mnist', '--mapping', 'devkit')).code).toBe(0);
  const pool = (await t.ws.store.findPool('p'))!;
  for (const c of await t.ws.store.listCandidates(pool.id)) ids.set(c.source_path!.replace('.jpg', ''), c.id);
}, 120_000);
afterAll(() => t.cleanup());

describe('collect dedup --embedder (exact cosine kNN over ONNX features)', () => {
  it('finds re-encoded, resized and cropped copies and a within-pool copy by embedding alone; every pair gets all distances', async () => {
    const run = await heldout('collect', 'dedup', '--pool', 'p', '--against', 'ref', '--metrics', 'embedding', '--embedder', MODEL, '--json');
    expect(run.code, run.err).toBe(0);
    const out = JSON.parse(run.out) as DedupJson;
    expect(out.embedder).toEqual({ model: MODEL, output: '/Tanh_3_output_0', outputFrom: 'penultimate', dim: 84, embeddedNow: 12 });
    expect(out.thresholds.embedding).toBe(DEFAULT_REVIEW_THRESHOLDS.embedding);
    const caught = new Set(out.pairs.filter((p) => p.metric === 'embedding').map((p) => [p.candidate, p.reference].sort().join(' ')));
    const refSha = async (name: string) => {
      const d = (await t.ws.store.findDataset('ref'))!;
      const items = await t.ws.store.listItems((await t.ws.store.findSplit(d.id, 'val'))!.id);
      return items.find((i) => i.name.endsWith(`${name}.jpg`))!.image_sha256;
    };
    for (const [cand, ref] of [['reencoded', 'r1'], ['resized', 'r2'], ['cropped', 'r3']] as const) {
      expect(caught.has([ids.get(cand)!, await refSha(ref)].sort().join(' ')), cand).toBe(true);
    }
    expect(caught.has([ids.get('unrelated')!, ids.get('unrelated-small')!].sort().join(' '))).toBe(true);
    const pairs = await t.ws.store.listPairs((await t.ws.store.findPool('p'))!.id);
    expect(pairs.length).toBeGreaterThanOrEqual(4);
    for (const p of pairs) expect(Object.keys(p.distances).sort()).toEqual(['dhash', 'embedding', 'l2', 'phash']);

    const again = JSON.parse((await heldout('collect', 'dedup', '--pool', 'p', '--against', 'ref', '--embedder', MODEL, '--json')).out) as DedupJson;
    expect(again.embedder?.embeddedNow).toBe(0); // stored per subject and embedder
    expect((await t.ws.store.tableCounts()).collect_embeddings).toBe(12);
    const text = await heldout('collect', 'review', '--pool', 'p');
    expect(text.out).toMatch(/embedding 0\.0\d{3}/);
  });

  it('reads another tensor with --embedding-output and refuses bad combinations with one line', async () => {
    const logits = JSON.parse((await heldout('collect', 'dedup', '--pool', 'p', '--against', 'ref', '--embedder', MODEL, '--embedding-output', 'logits', '--json')).out) as DedupJson;
    expect(logits.embedder).toMatchObject({ output: 'logits', outputFrom: 'option', dim: 10, embeddedNow: 12 });
    const bad = await heldout('collect', 'dedup', '--pool', 'p', '--against', 'ref', '--embedder', MODEL, '--embedding-output', 'nope');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('no tensor named "nope"');
    expect((await heldout('collect', 'dedup', '--pool', 'p', '--against', 'ref', '--metrics', 'embedding')).err).toContain('--metrics embedding needs --embedder');
    expect((await heldout('collect', 'dedup', '--pool', 'p', '--against', 'ref', '--embedder', 'no-such-model')).code).toBe(2);
    expect((await heldout('collect', 'dedup', '--pool', 'p', '--against', 'ref', '--metrics', 'fc7')).code).toBe(2);
  });
});

/**
 * The embedding column of docs/collect.md's transformation table: N seeded 640×480 photo-like JPEGs (the images of
 * bench/collect-transforms.mjs), each edited five ways, embedded by the zoo's LeNet-5 penultimate layer. The docs were
 * made with `HELDOUT_TRANSFORMS_N=40 npx vitest run test/collect/embedding.test.ts` (it prints the cells).
 */
describe('which edits the embedding metric catches', () => {
  it('catches re-encoding, resizing and 5 % crops, and no unrelated pair, at the default threshold', async () => {
    const N = Number(process.env.HELDOUT_TRANSFORMS_N ?? 8);
    const e = await loadEmbedder(t.ws, MODEL);
    try {
      const embed = async (bytes: Uint8Array) => ({ data: await e.embed([{ bytes: new Uint8Array(bytes), what: 'photo' }]), dim: e.dim });
      const bases = await Promise.all(Array.from({ length: N }, (_, i) => photoLikeJpeg(i + 1)));
      const baseRows = await Promise.all(bases.map(embed));
      const rows: Record<string, number[]> = {};
      for (const [name, tr] of Object.entries(TRANSFORMS)) {
        rows[name] = [];
        for (let k = 0; k < N; k++) rows[name].push(cosineDistance(baseRows[k]!, 0, await embed(await tr.apply(bases[k]!)), 0));
      }
      rows.unrelated = [];
      for (let a = 0; a < N; a++) for (let b = a + 1; b < N; b++) rows.unrelated.push(cosineDistance(baseRows[a]!, 0, baseRows[b]!, 0));
      const T = DEFAULT_REVIEW_THRESHOLDS.embedding;
      const caught = (xs: number[]) => xs.filter((d) => d <= T).length;
      const cells = Object.entries(rows).map(([name, xs]) => {
        const k = caught(xs);
        const ci = binomialInterval(k, xs.length);
        const s = [...xs].sort((a, b) => a - b);
        const med = s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
        const pct = (x: number) => (100 * x).toFixed(100 * x < 10 || 100 * x > 90 ? 1 : 0);
        return `${name}: ${k}/${xs.length} (${pct(ci.lower)}–${pct(ci.upper)} %), median ${med.toFixed(3)} [min ${s[0]!.toFixed(4)}, max ${s.at(-1)!.toFixed(4)}]`;
      });
      if (process.env.HELDOUT_TRANSFORMS_N) console.log(cells.join('\n'));
      for (const name of ['reencoded', 'resized', 'cropped'] as const) expect(caught(rows[name]!), name).toBe(N);
      expect(caught(rows.unrelated)).toBe(0);
    } finally {
      await e.close();
    }
  }, 120_000);
});
