import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * Tables of the collect area: candidate pools, their candidates (accepted or rejected with a reason), perceptual
 * hashes of candidates and of reference images, near-duplicate pairs with one distance per metric, and review
 * decisions. Hashes are 16 hex digits (64-bit values do not fit every backend's integer type unsigned).
 */
export interface CollectTables {
  collect_pools: CollectPoolsTable;
  collect_candidates: CollectCandidatesTable;
  collect_hashes: CollectHashesTable;
  collect_pairs: CollectPairsTable;
  collect_pair_distances: CollectPairDistancesTable;
  collect_reviews: CollectReviewsTable;
}

export interface CollectPoolsTable {
  id: Generated<number>;
  name: string;
  description: string;
  /** JSON `{ metric: threshold }` recorded by the last dedup run; the review queue uses it. */
  review_thresholds: string | null;
  created_at: string;
}

export interface CollectCandidatesTable {
  /** sha1(source photo id + source name) (ImageNetV2's `id_ours`), else the sha256 of the file. */
  id: string;
  pool_id: number;
  /** Order of arrival within the pool (stable across resumed ingests). */
  seq: number;
  wnid: string;
  /** `accepted` or `rejected`. */
  status: string;
  /** A REJECT_REASONS key when rejected. */
  reason: string | null;
  detail: string | null;
  /** Blob sha256s of the stored original, the longer-side-500 px JPEG and the 256×256 JPEG (null when rejected). */
  original_sha256: string | null;
  scaled_sha256: string | null;
  thumb_sha256: string | null;
  /** Size after EXIF orientation. */
  width: number | null;
  height: number | null;
  format: string | null;
  bytes: number | null;
  /** E.g. `flickr`, `folder`; part of the id. */
  source_name: string;
  source_id: string | null;
  source_url: string | null;
  /** Path of the file relative to the ingested folder or metadata file. */
  source_path: string | null;
  owner: string | null;
  license: string | null;
  /** ISO-8601 UTC. */
  date_taken: string | null;
  date_uploaded: string | null;
  title: string | null;
  /** JSON array of strings. */
  tags: string | null;
  created_at: string;
}

export interface CollectHashesTable {
  /** `image` (a reference image, by sha256) or `candidate` (by candidate id). */
  subject_kind: string;
  subject_id: string;
  phash: string;
  dhash: string;
}

export interface CollectPairsTable {
  id: Generated<number>;
  pool_id: number;
  candidate_id: string;
  /** `image` (reference image sha256) or `candidate` (another candidate's id, greater than candidate_id). */
  reference_kind: string;
  reference_id: string;
  created_at: string;
}

export interface CollectPairDistancesTable {
  pair_id: number;
  /** A NEAR_DUPLICATE_METRICS key. */
  metric: string;
  distance: number;
}

export interface CollectReviewsTable {
  pair_id: number;
  /** `same` or `different`. */
  decision: string;
  reviewer: string | null;
  decided_at: string;
}

export type CollectPoolRow = Selectable<CollectPoolsTable>;
export type CollectCandidateRow = Selectable<CollectCandidatesTable>;
export type NewCollectCandidate = Insertable<CollectCandidatesTable>;
export type CollectHashRow = Selectable<CollectHashesTable>;
export type CollectPairRow = Selectable<CollectPairsTable>;
export type CollectReviewRow = Selectable<CollectReviewsTable>;
