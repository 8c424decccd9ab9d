import type { Db } from './db.js';
import { insertChunked } from './db.js';
import type { CollectEmbedding, CollectEmbeddingStore } from '../areas/collect-embedding-store.js';

/** Tables of this area, for `Store.tableCounts`. */
export const COLLECT_EMBEDDING_TABLES = ['collect_embeddings'] as const;

const IN_CHUNK = 500;

const encode = (v: Float32Array): string => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');

function decode(text: string, dim: number): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== dim * 4) throw new Error(`stored embedding has ${bytes.length} bytes, expected ${dim * 4}`);
  // Copy into a fresh, aligned buffer (Buffer.from may return a view into Node's shared pool).
  const out = new Float32Array(dim);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

/** The collect embeddings over any Kysely connection; every backend shares it. */
export function collectEmbeddingQueries(db: Db): CollectEmbeddingStore {
  return {
    async putEmbeddings(embedder, rows) {
      let added = 0;
      await insertChunked(rows, async (chunk) => {
        const res = await db.insertInto('collect_embeddings')
          .values(chunk.map((r) => ({ embedder, subject_kind: r.subjectKind, subject_id: r.subjectId, dim: r.vector.length, vector: encode(r.vector) })))
          .onConflict((oc) => oc.columns(['embedder', 'subject_kind', 'subject_id']).doNothing())
          .executeTakeFirst();
        added += Number(res.numInsertedOrUpdatedRows ?? 0);
      }, 200);
      return added;
    },

    async findEmbeddings(embedder, kind, ids) {
      const out: CollectEmbedding[] = [];
      for (let i = 0; i < ids.length; i += IN_CHUNK) {
        const rows = await db.selectFrom('collect_embeddings').select(['subject_id', 'dim', 'vector'])
          .where('embedder', '=', embedder).where('subject_kind', '=', kind).where('subject_id', 'in', ids.slice(i, i + IN_CHUNK)).execute();
        for (const r of rows) out.push({ subjectKind: kind, subjectId: r.subject_id, vector: decode(r.vector, Number(r.dim)) });
      }
      return out;
    },
  };
}
