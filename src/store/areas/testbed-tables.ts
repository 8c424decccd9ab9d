import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * Tables of the testbed area: registered models, their evaluations on dataset splits, and the chunks of per-image
 * predictions. Prediction arrays live in the content-addressed BlobStore (see src/evaluate/core/prediction-chunk.ts
 * for the format); rows hold their sha256, so every column is text or integer in every backend.
 */
export interface TestbedTables {
  testbed_models: TestbedModelsTable;
  testbed_evaluations: TestbedEvaluationsTable;
  testbed_chunks: TestbedChunksTable;
}

export interface TestbedModelsTable {
  id: Generated<number>;
  name: string;
  /** `onnx`: an ONNX file Heldout runs; `predictions`: results imported from elsewhere (no file, no preset). */
  source: string;
  onnx_sha256: string | null;
  onnx_bytes: number | null;
  /** Preprocessing preset name (src/evaluate/presets), null for imported predictions. */
  preset: string | null;
  /** How output j maps to a class: `sorted-index` (class index j) or `devkit` (devkit ID j + 1). */
  mapping: string;
  /** Name of the class set the mapping was resolved against (`ilsvrc2012`, `fashion-mnist`, a file name). */
  class_set: string;
  /** JSON array: the wnid of output j, fully resolved at registration. */
  class_wnids: string;
  num_classes: number;
  /** JSON object: the model card (family, parameters, training data, notes …). */
  card_json: string;
  created_at: string;
}

export interface TestbedEvaluationsTable {
  id: Generated<number>;
  model_id: number;
  split_id: number;
  /** `running` (chunks being added; resumable), `done`, or `failed` (error set; resumable). */
  status: string;
  /** Images in the split when the evaluation started. */
  n: number;
  /** Images with stored predictions so far. */
  done: number;
  /** Guess slots stored per image (5). */
  k: number;
  /** Images per chunk: fixed when the evaluation starts so a resume continues the same chunks. */
  chunk_size: number;
  correct_top1: number | null;
  correct_topk: number | null;
  /** Which code computed the counts, e.g. `heldout-testbed/1`. */
  scorer_version: string;
  /** 1 when chunks also hold every class's score (logits, or averaged probabilities for 10-crop presets). */
  with_scores: number;
  /** JSON: batch, threads, preset, source file of imported predictions … (provenance). */
  settings_json: string;
  error: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface TestbedChunksTable {
  evaluation_id: number;
  /** Chunk number: images [chunk · chunk_size, …) of the split in position order. */
  chunk: number;
  count: number;
  /** Blob holding positions, top-k class indices and optional scores (src/evaluate/core/prediction-chunk.ts). */
  blob_sha256: string;
  created_at: string;
}

export type TestbedModelRow = Selectable<TestbedModelsTable>;
export type TestbedEvaluationRow = Selectable<TestbedEvaluationsTable>;
export type TestbedChunkRow = Selectable<TestbedChunksTable>;
export type NewTestbedModel = Omit<Insertable<TestbedModelsTable>, 'id' | 'created_at'>;
export type NewTestbedEvaluation = Omit<Insertable<TestbedEvaluationsTable>, 'id' | 'created_at' | 'finished_at' | 'done' | 'status' | 'error' | 'correct_top1' | 'correct_topk'>;
export type NewTestbedChunk = Omit<Insertable<TestbedChunksTable>, 'evaluation_id' | 'created_at'>;
