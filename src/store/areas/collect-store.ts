import type { CollectCandidateRow, CollectHashRow, CollectPairRow, CollectPoolRow, NewCollectCandidate } from './collect-tables.js';

export type { CollectCandidateRow, CollectHashRow, CollectPairRow, CollectPoolRow, NewCollectCandidate } from './collect-tables.js';

export interface NewCollectPool {
  readonly name: string;
  readonly description: string;
}

/** A pool with its candidate and pair counts. */
export interface CollectPoolSummary extends CollectPoolRow {
  readonly accepted: number;
  readonly rejected: number;
  readonly pairs: number;
  readonly reviewed: number;
}

export interface CandidateQuery {
  readonly status?: 'accepted' | 'rejected';
  readonly wnid?: string;
  readonly offset?: number;
  readonly limit?: number;
}

/** Hashes of one subject: a reference image (`image`, by sha256) or a candidate (`candidate`, by id). */
export interface NewCollectHash {
  readonly subjectKind: 'image' | 'candidate';
  readonly subjectId: string;
  /** 16 hex digits each. */
  readonly phash: string;
  readonly dhash: string;
}

/** A near-duplicate pair found by dedup, with the distance under each metric that was computed. */
export interface NewCollectPair {
  readonly candidateId: string;
  readonly referenceKind: 'image' | 'candidate';
  readonly referenceId: string;
  readonly distances: Readonly<Record<string, number>>;
}

/** A stored pair with its distances and review decision (null while pending). */
export interface CollectPairInfo extends CollectPairRow {
  readonly distances: Readonly<Record<string, number>>;
  readonly decision: string | null;
  readonly reviewer: string | null;
  readonly decided_at: string | null;
}

/** Where a reference image appears: one dataset item (the first by dataset, split and position). */
export interface ReferenceImageItem {
  readonly sha256: string;
  readonly dataset: string;
  readonly split: string;
  readonly name: string;
  /** 1 when the split's labels are hidden: pages must not show the item's class. */
  readonly labels_hidden: number;
}

/** Candidate pools, candidates, perceptual hashes, near-duplicate pairs and review decisions (src/collect). */
export interface CollectStore {
  createPool(p: NewCollectPool, now: Date): Promise<CollectPoolRow>;
  findPool(name: string): Promise<CollectPoolRow | undefined>;
  listPools(): Promise<CollectPoolSummary[]>;
  setPoolReviewThresholds(poolId: number, thresholdsJson: string): Promise<void>;

  /** Which of `ids` are stored, mapped to their pool id: ingest skips them, so a rerun adds nothing twice. */
  findCandidateIds(ids: readonly string[]): Promise<Map<string, number>>;
  findCandidate(id: string): Promise<CollectCandidateRow | undefined>;
  /** The accepted candidate of a pool whose original has this sha256, if any (exact-duplicate check). */
  findCandidateByOriginal(poolId: number, sha256: string): Promise<CollectCandidateRow | undefined>;
  /** One more than the pool's highest `seq` (0 for an empty pool). */
  nextCandidateSeq(poolId: number): Promise<number>;
  addCandidates(rows: readonly NewCollectCandidate[]): Promise<void>;
  listCandidates(poolId: number, q?: CandidateQuery): Promise<CollectCandidateRow[]>;
  countCandidates(poolId: number, status?: 'accepted' | 'rejected'): Promise<number>;
  /** Rejected candidates of a pool per reason. */
  rejectionCounts(poolId: number): Promise<Map<string, number>>;
  /** Whether any candidate row points at this blob (so a rolled-back ingest must not delete it). */
  isCandidateBlob(sha256: string): Promise<boolean>;

  /** Stores hashes not already present; returns how many were new. */
  putHashes(rows: readonly NewCollectHash[]): Promise<number>;
  findHashes(kind: 'image' | 'candidate', ids: readonly string[]): Promise<CollectHashRow[]>;
  /** Hashes of a pool's accepted candidates, in `seq` order. */
  poolCandidateHashes(poolId: number): Promise<Array<{ readonly id: string; readonly phash: string; readonly dhash: string }>>;

  /** Adds new pairs and sets the distances of every given pair (existing decisions are kept). */
  upsertPairs(poolId: number, pairs: readonly NewCollectPair[], now: Date): Promise<{ added: number }>;
  /** Every pair of a pool with distances and decisions, by id. */
  listPairs(poolId: number): Promise<CollectPairInfo[]>;
  findPair(pairId: number): Promise<CollectPairInfo | undefined>;
  /** For review pages: one dataset item showing each of these reference images (read across the datasets area). */
  referenceImageItems(shas: readonly string[]): Promise<ReferenceImageItem[]>;
  /** Records (or replaces) the decision on a pair. */
  decidePair(pairId: number, decision: 'same' | 'different', reviewer: string | null, now: Date): Promise<void>;
}
