// The pure collection core: hashes, Hamming search, pixel distance, duplicate resolution, filters and query plans.
// Plain data in, plain data out: no I/O, no clock, no randomness (docs/collect.md).
export { type Hash64, type PackedHashes, hashToHex, hashFromHex, hashHalves, hashFromHalves, hashFromBits, packHashes } from './hash64.js';
export { popcount32, hammingDistance, hammingHalves } from './hamming-distance.js';
export { type GrayImage, resizeArea } from './gray-image.js';
export { differenceHash } from './difference-hash.js';
export { perceptualHash, PHASH_SIZE } from './perceptual-hash.js';
export { splitSubstrings, substringRadii, type Substring } from './hash-substrings.js';
export { MultiIndexHash, defaultSubstrings, type MultiIndexHashOptions, type HitVisitor } from './multi-index-hash.js';
export { bruteForceHamming } from './brute-force-hamming.js';
export { squaredL2, rmsDifference, L2_SIZE, L2_VALUES } from './pixel-l2.js';
export { connectedComponents } from './connected-components.js';
export { resolveNearDuplicates, type ConfirmedPair, type PairReference, type Exclusion, type NearDuplicateComponent, type Resolution } from './resolve-near-duplicates.js';
export {
  NEAR_DUPLICATE_METRICS, METRIC_NAMES, HASH_METRICS, SEARCH_METRICS, DEFAULT_REVIEW_THRESHOLDS, needsReview,
  type NearDuplicateMetric, type HashMetric, type SearchMetric, type ReviewThresholds,
} from './near-duplicate-metrics.js';
export { REJECT_REASONS, type RejectReason, type Rejection } from './reject-reasons.js';
export { parseSourceDate, type ParsedDate } from './parse-source-date.js';
export { checkMetadata, checkResolution, type DateWindow, type FilterRules, type MetadataFacts } from './candidate-filters.js';
export { buildQueryPlan, type ClassQueries, type PlannedQuery, type QueryKind, type QueryOverride, type QueryPlanOptions } from './query-plan.js';
export { matchFrequencies, type CandidateFrequency, type FrequencyCandidate, type FrequencyEvidence } from './match-frequencies.js';
export {
  l2Normalise, cosineDistance, cosineWithin, cosineTopK, bruteForceCosine, rowCount,
  type EmbeddingRows, type CosineVisitor, type CosineNeighbour, type BlockOptions,
} from './cosine-knn.js';
export { readOnnxGraph, withGraphOutputs, penultimateTensor, type OnnxGraph, type OnnxNode } from './onnx-graph.js';
