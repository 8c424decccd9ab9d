/**
 * The distances Heldout compares candidates by, with the default review threshold of each: a pair at or below the
 * threshold of any metric goes to the review queue. Hamming thresholds are the defaults of `--max-hamming`; the L2
 * one is ImageNetV2's review target (`sample_dataset.py`: l2 1.2e8 on 256×256×3 uint8 copies).
 */
export const NEAR_DUPLICATE_METRICS = {
  phash: { unit: 'bits (0–64)', description: 'Hamming distance between 64-bit pHashes (DCT of a 32×32 gray copy)', defaultThreshold: 8 },
  dhash: { unit: 'bits (0–64)', description: 'Hamming distance between 64-bit dHashes (gradient signs of a 9×8 gray copy)', defaultThreshold: 8 },
  l2: { unit: 'squared L2', description: 'squared L2 distance between 256×256 RGB copies (ImageNetV2 "l2")', defaultThreshold: 1.2e8 },
  embedding: { unit: 'cosine distance (0–2)', description: 'cosine distance between L2-normalised features of an ONNX model (dedup --embedder)', defaultThreshold: 0.04 },
} as const;

export type NearDuplicateMetric = keyof typeof NEAR_DUPLICATE_METRICS;
export const METRIC_NAMES = Object.keys(NEAR_DUPLICATE_METRICS) as NearDuplicateMetric[];
/** The metrics answered by the Hamming index. */
export const HASH_METRICS = ['phash', 'dhash'] as const satisfies readonly NearDuplicateMetric[];
export type HashMetric = (typeof HASH_METRICS)[number];
/** The metrics that can search for pairs (`dedup --metrics`): the hashes, and embeddings when an embedder is given. */
export const SEARCH_METRICS = [...HASH_METRICS, 'embedding'] as const satisfies readonly NearDuplicateMetric[];
export type SearchMetric = (typeof SEARCH_METRICS)[number];

export type ReviewThresholds = Readonly<Record<NearDuplicateMetric, number>>;

export const DEFAULT_REVIEW_THRESHOLDS: ReviewThresholds = Object.fromEntries(
  METRIC_NAMES.map((m) => [m, NEAR_DUPLICATE_METRICS[m].defaultThreshold]),
) as Record<NearDuplicateMetric, number>;

/** Whether a pair must be looked at by a person: some metric is at or below its threshold. */
export function needsReview(distances: Partial<Record<NearDuplicateMetric, number>>, thresholds: ReviewThresholds): boolean {
  return METRIC_NAMES.some((m) => distances[m] !== undefined && distances[m] <= thresholds[m]);
}
