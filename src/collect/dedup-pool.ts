import { UserError } from '../errors.js';
import { ignoreProgress, type ProgressListener } from '../progress.js';
import type { CollectPoolRow, NewCollectPair } from '../store/store.js';
import type { Workspace } from '../store/workspace.js';
import {
  DEFAULT_REVIEW_THRESHOLDS, HASH_METRICS, MultiIndexHash, cosineDistance, cosineWithin, hashFromHex, hashHalves, hammingHalves, squaredL2,
  type EmbeddingRows, type HashMetric, type NearDuplicateMetric, type PackedHashes, type ReviewThresholds, type SearchMetric,
} from './core/index.js';
import { embedSubjects } from './embed-subjects.js';
import { loadEmbedder, type Embedder, type EmbedderOptions } from './onnx-embedder.js';
import { findPoolOrThrow } from './find-pool.js';
import { rgb256 } from './pixel-copies.js';
import { ensureReferenceHashes, referenceImageShas } from './reference-images.js';

export interface DedupRequest {
  readonly pool: string;
  /** Reference sets: `DATASET` (all splits) or `DATASET/SPLIT`. */
  readonly against: readonly string[];
  /** Hamming radius searched for pHash and dHash (default 8). */
  readonly maxHamming?: number;
  /**
   * Which metrics search for pairs (default both hashes, plus `embedding` when an embedder is given). Every pair found
   * gets every metric's distance either way; leaving out dHash helps on images with large flat areas, where its
   * gradient signs collide (docs/collect.md).
   */
  readonly metrics?: readonly SearchMetric[];
  /**
   * A testbed model (`heldout model add`) whose features give the `embedding` metric: cosine distance of L2-normalised
   * vectors, searched exactly within the embedding threshold by blocked matrix products.
   */
  readonly embedder?: { readonly model: string } & EmbedderOptions;
  /** Also compare the pool's candidates with each other (default true). */
  readonly withinPool?: boolean;
  /** Review thresholds to record on the pool; hash metrics default to maxHamming, l2 to ImageNetV2's 1.2e8. */
  readonly thresholds?: Partial<ReviewThresholds>;
}

/** One line of the dedup contract: a pair and one metric under which it is close. */
export interface DedupPair {
  readonly candidate: string;
  readonly reference: string;
  readonly referenceKind: 'image' | 'candidate';
  readonly metric: NearDuplicateMetric;
  readonly distance: number;
}

export interface DedupSummary {
  readonly pool: CollectPoolRow;
  readonly referenceSplits: readonly string[];
  readonly referenceImages: number;
  /** Reference images hashed by this run (the others had stored hashes). */
  readonly hashedNow: number;
  readonly candidates: number;
  readonly thresholds: ReviewThresholds;
  /** Distinct (candidate, reference) pairs found; each has a distance under every metric. */
  readonly pairCount: number;
  readonly newPairs: number;
  /** Every (pair, metric) at or below that metric's threshold, sorted by candidate, reference, metric. */
  readonly pairs: readonly DedupPair[];
  /** The embedder used, when one was given. */
  readonly embedder?: {
    readonly model: string; readonly output: string; readonly outputFrom: Embedder['outputFrom']; readonly dim: number;
    /** Reference images and candidates embedded by this run (the others had stored embeddings). */
    readonly embeddedNow: number;
  };
}

/**
 * Finds near-duplicate pairs of a pool's accepted candidates against reference datasets and within the pool:
 * pHash and dHash pairs within `maxHamming` by multi-index hashing (exact), then every metric (pHash, dHash, pixel L2
 * on the 256×256 copies) computed for every pair found, so reviewers see all three. Pairs are upserted (earlier
 * decisions stay) and the thresholds are recorded on the pool for the review queue. L2 is computed for the pairs the
 * hashes surface, not by an exhaustive L2 search (see docs/collect.md).
 */
export async function dedupPool(ws: Workspace, req: DedupRequest, options: { onProgress?: ProgressListener; now?: Date } = {}): Promise<DedupSummary> {
  const { onProgress = ignoreProgress, now = new Date() } = options;
  const maxHamming = req.maxHamming ?? 8;
  const pool = await findPoolOrThrow(ws.store, req.pool);
  const thresholds: ReviewThresholds = { ...DEFAULT_REVIEW_THRESHOLDS, phash: maxHamming, dhash: maxHamming, ...req.thresholds };
  const { shas, splits } = await referenceImageShas(ws, req.against);
  const hashedNow = await ensureReferenceHashes(ws, shas, onProgress, 8);
  const refRows = await ws.store.findHashes('image', shas);
  const candRows = await ws.store.poolCandidateHashes(pool.id);

  onProgress({ phase: 'search', done: 0, total: req.metrics?.length ?? HASH_METRICS.length });
  const found = new Map<string, NewCollectPair & { distances: Partial<Record<NearDuplicateMetric, number>> }>();
  const refPacked = packColumn(refRows, 'phash');
  const refPackedD = packColumn(refRows, 'dhash');
  const candPacked = { phash: packColumn(candRows, 'phash'), dhash: packColumn(candRows, 'dhash') };
  const refPackedBy = { phash: refPacked, dhash: refPackedD };
  const add = (c: number, kind: 'image' | 'candidate', r: number) => {
    let candidateId = candRows[c]!.id;
    let referenceId = kind === 'image' ? refRows[r]!.subject_id : candRows[r]!.id;
    if (kind === 'candidate') [candidateId, referenceId] = candidateId < referenceId ? [candidateId, referenceId] : [referenceId, candidateId];
    const key = `${candidateId}\t${kind}\t${referenceId}`;
    if (found.has(key)) return;
    const other = (m: HashMetric) => (kind === 'image' ? refPackedBy[m] : candPacked[m]);
    const dist = (m: HashMetric) => hammingHalves(candPacked[m].hi[c]!, candPacked[m].lo[c]!, other(m).hi[r]!, other(m).lo[r]!);
    found.set(key, { candidateId, referenceKind: kind, referenceId, distances: { phash: dist('phash'), dhash: dist('dhash') } });
  };
  const searched = req.metrics ?? (req.embedder ? [...HASH_METRICS, 'embedding' as const] : HASH_METRICS);
  if (searched.length === 0) throw new UserError('dedup needs at least one metric to search with (phash, dhash, embedding)');
  if (searched.includes('embedding') && !req.embedder) throw new UserError('--metrics embedding needs --embedder MODEL (a testbed model that gives the features)');
  const hashSearched = searched.filter((m): m is HashMetric => m !== 'embedding');
  hashSearched.forEach((metric, k) => {
    const refs = MultiIndexHash.build(refPackedBy[metric], { maxRadius: maxHamming });
    refs.queryMany(candPacked[metric], maxHamming, (c, r) => add(c, 'image', r));
    if (req.withinPool ?? true) {
      const self = MultiIndexHash.build(candPacked[metric], { maxRadius: maxHamming });
      self.queryMany(candPacked[metric], maxHamming, (c, r) => {
        if (r > c) add(c, 'candidate', r);
      });
    }
    onProgress({ phase: 'search', done: k + 1, total: searched.length });
  });
  const embedded = req.embedder
    ? await searchEmbeddings(ws, pool.id, req.embedder, refRows.map((r) => r.subject_id), candRows.map((c) => c.id), searched.includes('embedding') ? thresholds.embedding : null, req.withinPool ?? true, add, onProgress)
    : undefined;

  const pairs = [...found.values()].sort((a, b) => cmp(a.candidateId, b.candidateId) || cmp(a.referenceKind, b.referenceKind) || cmp(a.referenceId, b.referenceId));
  if (embedded) {
    for (const p of pairs) {
      const r = p.referenceKind === 'image' ? embedded.refs : embedded.cands;
      const ri = (p.referenceKind === 'image' ? embedded.refIndex : embedded.candIndex).get(p.referenceId)!;
      // Identical vectors can give 1 − (1 + ε) < 0 in float arithmetic: a distance is never negative.
      p.distances.embedding = Math.max(0, cosineDistance(embedded.cands, embedded.candIndex.get(p.candidateId)!, r, ri));
    }
  }
  await addPixelL2(ws, pairs, onProgress);
  const { added } = await ws.store.transaction(async (tx) => {
    const res = await tx.upsertPairs(pool.id, pairs, now);
    await tx.setPoolReviewThresholds(pool.id, JSON.stringify(thresholds));
    return res;
  });
  const rows: DedupPair[] = pairs.flatMap((p) => (Object.entries(p.distances) as Array<[NearDuplicateMetric, number]>)
    .filter(([m, d]) => d <= thresholds[m])
    .map(([metric, distance]) => ({ candidate: p.candidateId, reference: p.referenceId, referenceKind: p.referenceKind, metric, distance })));
  return {
    pool, referenceSplits: splits, referenceImages: shas.length, hashedNow, candidates: candRows.length, thresholds,
    pairCount: pairs.length, newPairs: added, pairs: rows,
    ...(embedded ? { embedder: embedded.summary } : {}),
  };
}

interface EmbeddedSets {
  readonly refs: EmbeddingRows;
  readonly cands: EmbeddingRows;
  readonly refIndex: ReadonlyMap<string, number>;
  readonly candIndex: ReadonlyMap<string, number>;
  readonly summary: NonNullable<DedupSummary['embedder']>;
}

/**
 * Embeds the reference images (from their blobs) and the candidates (from their scaled copies, EXIF already applied)
 * with the embedder, then, when `radius` is set, finds every candidate–reference and candidate–candidate pair within
 * that cosine distance exactly (blocked dot products, src/collect/core/cosine-knn.ts) and reports it through `add`.
 */
async function searchEmbeddings(
  ws: Workspace, poolId: number, spec: NonNullable<DedupRequest['embedder']>, refIds: readonly string[], candIds: readonly string[],
  radius: number | null, withinPool: boolean, add: (c: number, kind: 'image' | 'candidate', r: number) => void, onProgress: ProgressListener,
): Promise<EmbeddedSets> {
  const embedder = await loadEmbedder(ws, spec.model, spec);
  try {
    const scaled = new Map((await ws.store.listCandidates(poolId, { status: 'accepted' })).map((c) => [c.id, c.scaled_sha256]));
    const refs = await embedSubjects(ws, embedder, 'image', refIds.map((id) => ({ id, blob: id })), onProgress);
    const cands = await embedSubjects(ws, embedder, 'candidate', candIds.map((id) => {
      const blob = scaled.get(id);
      if (!blob) throw new Error(`candidate ${id} has no scaled copy`);
      return { id, blob };
    }), onProgress);
    if (radius !== null) {
      onProgress({ phase: 'search embeddings', done: 0, total: 1 });
      cosineWithin(cands.rows, refs.rows, radius, (c, r) => add(c, 'image', r));
      if (withinPool) cosineWithin(cands.rows, cands.rows, radius, (c, r) => { if (r > c) add(c, 'candidate', r); });
      onProgress({ phase: 'search embeddings', done: 1, total: 1 });
    }
    return {
      refs: refs.rows, cands: cands.rows,
      refIndex: new Map(refIds.map((id, i) => [id, i])), candIndex: new Map(candIds.map((id, i) => [id, i])),
      summary: { model: embedder.model, output: embedder.output, outputFrom: embedder.outputFrom, dim: embedder.dim, embeddedNow: refs.embeddedNow + cands.embeddedNow },
    };
  } finally {
    await embedder.close();
  }
}

function packColumn(rows: ReadonlyArray<{ phash: string; dhash: string }>, metric: HashMetric): PackedHashes {
  const hi = new Int32Array(rows.length);
  const lo = new Int32Array(rows.length);
  rows.forEach((r, i) => {
    const [h, l] = hashHalves(hashFromHex(r[metric]));
    hi[i] = h;
    lo[i] = l;
  });
  return { hi, lo };
}

/** Squared L2 between 256×256 copies: a candidate's stored thumb, a reference image decoded and squashed to 256². */
async function addPixelL2(ws: Workspace, pairs: ReadonlyArray<NewCollectPair & { distances: Partial<Record<NearDuplicateMetric, number>> }>, onProgress: ProgressListener): Promise<void> {
  const cache = new Map<string, Uint8Array>();
  const pixels = async (kind: 'image' | 'candidate', id: string): Promise<Uint8Array> => {
    const key = `${kind}:${id}`;
    let px = cache.get(key);
    if (!px) {
      const sha = kind === 'image' ? id : (await ws.store.findCandidate(id))?.thumb_sha256;
      if (!sha) throw new Error(`candidate ${id} has no 256×256 copy`);
      px = await rgb256(await ws.blobs.get(sha));
      // Pairs are sorted by candidate, so a small cache keeps the current candidate's pixels (and popular references).
      if (cache.size >= 256) cache.delete(cache.keys().next().value!);
      cache.set(key, px);
    }
    return px;
  };
  onProgress({ phase: 'l2', done: 0, total: pairs.length });
  for (let i = 0; i < pairs.length; i++) {
    const p = pairs[i]!;
    p.distances.l2 = squaredL2(await pixels('candidate', p.candidateId), await pixels(p.referenceKind, p.referenceId));
    if ((i + 1) % 100 === 0 || i + 1 === pairs.length) onProgress({ phase: 'l2', done: i + 1, total: pairs.length });
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
