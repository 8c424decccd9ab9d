import type { Workspace } from '../store/workspace.js';
import { ignoreProgress, type ProgressListener } from '../progress.js';
import { dedupPool } from '../collect/dedup-pool.js';
import { ingestCandidates } from '../collect/ingest-candidates.js';
import type { IngestEntry } from '../collect/sources/ingest-entry.js';

/** The demo's candidate pool: the first images of the Fashion-MNIST `pool` split, deduplicated against `test`. */
export const DEMO_POOL = 'fashion-mnist-candidates';
const CANDIDATES = 200;
/**
 * Fashion-MNIST garments are centred silhouettes on black, so their hashes sit closer than photos' and dHash (gradient
 * signs, all zero on flat black) collides widely: the demo searches by pHash within 4 bits, a queue of a few dozen pairs.
 */
const DEMO_MAX_HAMMING = 4;

export interface CollectDemoSummary {
  readonly pool: string;
  /** False when the pool was already deduplicated (nothing done). */
  readonly seeded: boolean;
  readonly accepted: number;
  readonly pairs: number;
}

/**
 * Seeds the collect stage idempotently: ingests the first 200 images of `<dataset>/pool` as candidates (their item
 * names as photo ids, so a rerun finds them stored) and deduplicates them against `<dataset>/test`, so the review
 * page has pairs. Skips everything once the pool carries dedup thresholds (its last step).
 */
export async function seedCollect(ws: Workspace, dataset: string, onProgress: ProgressListener = ignoreProgress): Promise<CollectDemoSummary> {
  const existing = await ws.store.findPool(DEMO_POOL);
  if (existing?.review_thresholds) {
    return { pool: DEMO_POOL, seeded: false, accepted: await ws.store.countCandidates(existing.id, 'accepted'), pairs: (await ws.store.listPairs(existing.id)).length };
  }
  const d = await ws.store.findDataset(dataset);
  const split = d && (await ws.store.findSplit(d.id, 'pool'));
  if (!split) return { pool: DEMO_POOL, seeded: false, accepted: 0, pairs: 0 };
  const items = await ws.store.listItems(split.id, { limit: CANDIDATES });
  const entries: IngestEntry[] = await Promise.all(items.map(async (it) => ({
    where: `${dataset}/pool/${it.name}`, bytes: { kind: 'bytes' as const, bytes: await ws.blobs.get(it.image_sha256) }, sourcePath: it.name,
    sourceName: `${dataset}-pool`, sourceId: it.name, sourceUrl: null, owner: null, license: 'MIT', dateTaken: null, dateUploaded: null,
    title: null, tags: null, wnid: it.wnid,
  })));
  const ingest = await ingestCandidates(ws, {
    pool: DEMO_POOL, description: `The first ${CANDIDATES} images of ${dataset}/pool as candidates, checked against ${dataset}/test.`,
    source: { kind: 'entries', entries },
  }, { onProgress: (p) => onProgress({ ...p, phase: `collect: ${p.phase}` }), batchSize: 100 });
  const dedup = await dedupPool(ws, { pool: DEMO_POOL, against: [`${dataset}/test`], maxHamming: DEMO_MAX_HAMMING, metrics: ['phash'] }, { onProgress: (p) => onProgress({ ...p, phase: `collect: ${p.phase}` }) });
  return { pool: DEMO_POOL, seeded: true, accepted: ingest.accepted + ingest.skipped, pairs: dedup.pairCount };
}
