import { UserError } from '../errors.js';
import type { ProgressListener } from '../progress.js';
import type { CollectEmbedding } from '../store/store.js';
import type { Workspace } from '../store/workspace.js';
import type { EmbeddingRows } from './core/index.js';
import type { Embedder } from './onnx-embedder.js';

/** A subject to embed: a reference image (its sha256 is its blob) or a candidate (embedded from its scaled copy). */
export interface EmbedSubject {
  readonly id: string;
  readonly blob: string;
}

const BATCH = 64;
const COMMIT_EVERY = 256;

/**
 * The embeddings of `subjects` under `embedder` as rows in the given order: stored ones are read, missing ones
 * computed in batches and committed every 256 (an interrupted run keeps its work; each image is embedded once per
 * workspace and embedder, whatever pools are deduplicated against it later).
 */
export async function embedSubjects(ws: Workspace, embedder: Embedder, kind: 'image' | 'candidate', subjects: readonly EmbedSubject[], onProgress: ProgressListener): Promise<{ rows: EmbeddingRows; embeddedNow: number }> {
  const ids = subjects.map((s) => s.id);
  const known = new Map((await ws.store.findEmbeddings(embedder.key, kind, ids)).map((e) => [e.subjectId, e.vector]));
  const missing = subjects.filter((s) => !known.has(s.id));
  const phase = `embed ${kind === 'image' ? 'references' : 'candidates'}`;
  onProgress({ phase, done: 0, total: missing.length });
  let pending: CollectEmbedding[] = [];
  const flush = async () => {
    if (pending.length > 0) await ws.store.transaction((tx) => tx.putEmbeddings(embedder.key, pending));
    pending = [];
  };
  for (let i = 0; i < missing.length; i += BATCH) {
    const batch = missing.slice(i, i + BATCH);
    const images = await Promise.all(batch.map(async (s) => ({ bytes: new Uint8Array(await ws.blobs.get(s.blob)), what: `${kind} ${s.id}` })));
    let vectors: Float32Array;
    try {
      vectors = await embedder.embed(images);
    } catch (err) {
      throw err instanceof UserError ? err : new UserError(`${embedder.model}: embedding failed (${(err as Error).message.split('\n')[0]})`, 1);
    }
    batch.forEach((s, j) => {
      const vector = vectors.slice(j * embedder.dim, (j + 1) * embedder.dim);
      known.set(s.id, vector);
      pending.push({ subjectKind: kind, subjectId: s.id, vector });
    });
    if (pending.length >= COMMIT_EVERY) await flush();
    onProgress({ phase, done: Math.min(i + BATCH, missing.length), total: missing.length });
  }
  await flush();
  const data = new Float32Array(subjects.length * embedder.dim);
  subjects.forEach((s, i) => {
    const v = known.get(s.id)!;
    if (v.length !== embedder.dim) throw new UserError(`stored embedding of ${kind} ${s.id} has ${v.length} values, the embedder gives ${embedder.dim}`, 1);
    data.set(v, i * embedder.dim);
  });
  return { rows: { data, dim: embedder.dim }, embeddedNow: missing.length };
}
