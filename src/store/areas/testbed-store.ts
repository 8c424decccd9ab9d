import type { NewTestbedChunk, NewTestbedEvaluation, NewTestbedModel, TestbedChunkRow, TestbedEvaluationRow, TestbedModelRow } from './testbed-tables.js';

/** An evaluation with the names a listing shows. */
export interface TestbedEvaluationSummary extends TestbedEvaluationRow {
  readonly model_name: string;
  readonly dataset_name: string;
  readonly split_name: string;
  readonly labels_hidden: number;
}

/** How an evaluation ends. */
export type TestbedEvaluationOutcome =
  | { readonly kind: 'done'; readonly correctTop1: number; readonly correctTopk: number }
  | { readonly kind: 'failed'; readonly error: string };

/** Models, evaluations of models on splits, and their chunks of per-image predictions. */
export interface TestbedStore {
  createModel(m: NewTestbedModel, now: Date): Promise<TestbedModelRow>;
  findModel(name: string): Promise<TestbedModelRow | undefined>;
  listModels(): Promise<TestbedModelRow[]>;
  /** Deletes a model with its evaluations and chunk rows (blobs stay in the blob store). */
  deleteModel(modelId: number): Promise<void>;

  createEvaluation(e: NewTestbedEvaluation, now: Date): Promise<TestbedEvaluationRow>;
  findEvaluation(modelId: number, splitId: number): Promise<TestbedEvaluationRow | undefined>;
  getEvaluation(id: number): Promise<TestbedEvaluationRow | undefined>;
  listEvaluations(q?: { readonly modelId?: number; readonly splitId?: number }): Promise<TestbedEvaluationSummary[]>;
  /** Adds one chunk and counts its images as done, atomically (joins the caller's transaction if any). */
  addChunk(evaluationId: number, chunk: NewTestbedChunk, now: Date): Promise<void>;
  listChunks(evaluationId: number): Promise<TestbedChunkRow[]>;
  /** Marks an evaluation running again (a resume), clearing a previous error. */
  resumeEvaluation(evaluationId: number): Promise<void>;
  finishEvaluation(evaluationId: number, outcome: TestbedEvaluationOutcome, now: Date): Promise<void>;
  /** Deletes an evaluation and its chunk rows (`--force` re-runs). */
  deleteEvaluation(evaluationId: number): Promise<void>;
}
