/**
 * Image embeddings of the collect area (migration 0009): one L2-normalised feature vector per subject and embedder.
 * Vectors are float32 little-endian bytes written as base64 text, which every backend stores the same way.
 */
export interface CollectEmbeddingTables {
  collect_embeddings: CollectEmbeddingsTable;
}

export interface CollectEmbeddingsTable {
  /** Which extractor made the vector: `<ONNX sha256>/<preset>/<output name>` (see src/collect/embedder-key.ts). */
  embedder: string;
  /** `image` (a reference image, by sha256) or `candidate` (by candidate id). */
  subject_kind: string;
  subject_id: string;
  dim: number;
  /** base64 of `dim` float32 values (little-endian), L2 norm 1 (or all zero). */
  vector: string;
}
