/** An embedding of one subject under one embedder. */
export interface CollectEmbedding {
  readonly subjectKind: 'image' | 'candidate';
  readonly subjectId: string;
  /** L2-normalised float32 values. */
  readonly vector: Float32Array;
}

/** Feature vectors for the embedding near-duplicate metric (src/collect/embed-subjects.ts). */
export interface CollectEmbeddingStore {
  /** Stores embeddings not already present for this embedder; returns how many were new. */
  putEmbeddings(embedder: string, rows: readonly CollectEmbedding[]): Promise<number>;
  /** The stored embeddings of these subjects (missing ones are absent). */
  findEmbeddings(embedder: string, kind: 'image' | 'candidate', ids: readonly string[]): Promise<CollectEmbedding[]>;
}
