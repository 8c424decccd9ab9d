import { readFile } from 'node:fs/promises';
import { mapPool } from '../datasets/promise-pool.js';
import { loadWordNet } from '../wordnet/load-wordnet.js';
import { ignoreProgress, type ProgressListener } from '../progress.js';
import type { CollectPoolRow, NewCollectCandidate, NewCollectHash } from '../store/store.js';
import type { Workspace } from '../store/workspace.js';
import { checkMetadata, checkResolution, parseSourceDate, type FilterRules, type Rejection } from './core/index.js';
import { candidateId, placeholderId, sha256Hex } from './candidate-id.js';
import { checkPoolName } from './find-pool.js';
import { normaliseCandidate, type NormaliseResult } from './normalise-candidate.js';
import type { IngestEntry } from './sources/ingest-entry.js';
import { readSource, type IngestSource } from './sources/ingest-sources.js';

export interface IngestRequest {
  /** Pool to add to; created when new. */
  readonly pool: string;
  readonly description?: string;
  readonly source: IngestSource;
  readonly filters?: FilterRules;
}

export interface IngestOptions {
  readonly onProgress?: ProgressListener;
  /** Time recorded on new rows; default now. */
  readonly now?: Date;
  /** Entries committed per transaction (default 32): a crash loses at most one batch of work, never half of one. */
  readonly batchSize?: number;
  /** Images decoded at once (default 4). */
  readonly concurrency?: number;
}

/** What happened to one entry of the input. */
export interface IngestOutcome {
  readonly where: string;
  readonly id: string | null;
  /**
   * accepted / rejected: stored now with that status; skipped: this id was already stored in this pool (a rerun);
   * not-stored: rejected, but the id is already taken (duplicate-id, same-source-id, or identical content without a
   * photo id), so there is no row of its own: only this report.
   */
  readonly status: 'accepted' | 'rejected' | 'skipped' | 'not-stored';
  readonly reason?: Rejection['reason'];
  readonly detail?: string;
}

export interface IngestSummary {
  readonly pool: CollectPoolRow;
  readonly createdPool: boolean;
  readonly accepted: number;
  readonly rejected: number;
  readonly skipped: number;
  readonly notStored: number;
  readonly newBlobs: number;
  readonly outcomes: readonly IngestOutcome[];
}

interface Prepared {
  readonly entry: IngestEntry;
  /** First problem found from metadata alone. */
  readonly rejection?: Rejection;
  readonly dateTaken: string | null;
  readonly dateUploaded: string | null;
  /** Known before reading bytes when the entry has a photo id. */
  readonly id: string | null;
}

interface Loaded extends Prepared {
  readonly bytes?: Uint8Array;
  readonly sha256?: string;
  readonly normalised?: NormaliseResult;
}

/**
 * Ingests candidates into a pool: read the source → check metadata (dates, class, licence, date windows) → read,
 * decode and normalise each file (EXIF orientation, RGB, 500 px and 256×256 JPEG q90 copies, pHash and dHash) →
 * exact-duplicate and resolution checks → blobs → one transaction per batch. Every entry gets an outcome with a
 * reason; bad files never abort the batch. Resumable: ids already stored in the pool are skipped, so running the
 * same ingest again after a crash (even kill -9) completes it with nothing missing or doubled.
 */
export async function ingestCandidates(ws: Workspace, req: IngestRequest, options: IngestOptions = {}): Promise<IngestSummary> {
  const { onProgress = ignoreProgress, now = new Date(), batchSize = 32, concurrency = 4 } = options;
  checkPoolName(req.pool);
  const entries = await readSource(req.source);
  const { pool, created } = await ensurePool(ws, req.pool, req.description ?? '', now);
  const filters = req.filters ?? {};
  const prepared = entries.map((e) => prepare(e, filters));
  const outcomes: IngestOutcome[] = [];
  const seenIds = new Set<string>();
  /** Original sha256 → id of the accepted candidate holding it, for candidates accepted in this run. */
  const acceptedOriginals = new Map<string, string>();
  let newBlobs = 0;
  const total = prepared.length;
  onProgress({ phase: 'ingest', done: 0, total });

  for (let start = 0; start < prepared.length; start += batchSize) {
    const batch = await mapPool(prepared.slice(start, start + batchSize), concurrency, load);
    const stored = await ws.store.findCandidateIds(batch.map((b) => idOf(b)));
    const rows: NewCollectCandidate[] = [];
    const hashes: NewCollectHash[] = [];
    const blobs: Array<{ bytes: Uint8Array; expect: string }> = [];
    for (const b of batch) {
      const id = idOf(b);
      const outcome = (o: Omit<IngestOutcome, 'where' | 'id'>) => outcomes.push({ where: b.entry.where, id, ...o });
      const storedIn = stored.get(id);
      if (seenIds.has(id)) {
        outcome({ status: 'not-stored', reason: b.entry.sourceId ? 'duplicate-id' : 'exact-duplicate', detail: b.entry.sourceId ? `photo id ${b.entry.sourceId} occurs earlier in this input` : 'identical to an earlier file of this input' });
        continue;
      }
      seenIds.add(id);
      if (storedIn === pool.id) {
        outcome({ status: 'skipped' });
        continue;
      }
      if (storedIn !== undefined) {
        outcome({ status: 'not-stored', reason: 'same-source-id', detail: `already a candidate of another pool (id ${id})` });
        continue;
      }
      const rejection = await decide(ws, pool.id, b, acceptedOriginals, filters);
      const base = candidateRow(b, id, pool.id, now);
      if (rejection) {
        rows.push({ ...base, status: 'rejected', reason: rejection.reason, detail: rejection.detail });
        outcome({ status: 'rejected', reason: rejection.reason, detail: rejection.detail });
        continue;
      }
      const n = (b.normalised as Extract<NormaliseResult, { ok: true }>).value;
      const scaledSha = sha256Hex(n.scaled);
      const thumbSha = sha256Hex(n.thumb);
      blobs.push({ bytes: b.bytes!, expect: b.sha256! }, { bytes: n.scaled, expect: scaledSha }, { bytes: n.thumb, expect: thumbSha });
      acceptedOriginals.set(b.sha256!, id);
      rows.push({
        ...base, status: 'accepted', original_sha256: b.sha256!, scaled_sha256: scaledSha, thumb_sha256: thumbSha,
        width: n.width, height: n.height, format: n.format, bytes: b.bytes!.length,
      });
      hashes.push({ subjectKind: 'candidate', subjectId: id, phash: n.hashes.phash, dhash: n.hashes.dhash });
      outcome({ status: 'accepted' });
    }
    newBlobs += await commitBatch(ws, pool.id, rows, hashes, blobs);
    onProgress({ phase: 'ingest', done: Math.min(start + batchSize, total), total });
  }
  const count = (s: IngestOutcome['status']) => outcomes.filter((o) => o.status === s).length;
  return { pool, createdPool: created, accepted: count('accepted'), rejected: count('rejected'), skipped: count('skipped'), notStored: count('not-stored'), newBlobs, outcomes };
}

async function ensurePool(ws: Workspace, name: string, description: string, now: Date): Promise<{ pool: CollectPoolRow; created: boolean }> {
  return ws.store.transaction(async (tx) => {
    const existing = await tx.findPool(name);
    return existing ? { pool: existing, created: false } : { pool: await tx.createPool({ name, description }, now), created: true };
  });
}

/** Checks that need no bytes: source problems, dates, class, licence and date windows (in that order). */
function prepare(entry: IngestEntry, filters: FilterRules): Prepared {
  const taken = parseSourceDate(entry.dateTaken);
  const uploaded = parseSourceDate(entry.dateUploaded);
  const id = entry.sourceId ? candidateId(entry, null) : null;
  const base = { entry, id, dateTaken: taken.ok ? taken.iso : null, dateUploaded: uploaded.ok ? uploaded.iso : null };
  if (entry.problem) return { ...base, rejection: entry.problem };
  if (!taken.ok) return { ...base, rejection: { reason: 'bad-metadata', detail: `date taken: ${taken.error}` } };
  if (!uploaded.ok) return { ...base, rejection: { reason: 'bad-metadata', detail: `date uploaded: ${uploaded.error}` } };
  if (entry.wnid === null) return { ...base, rejection: { reason: 'no-class', detail: 'give --wnid, a wnid column or wnid-named folders' } };
  if (!loadWordNet().has(entry.wnid)) return { ...base, rejection: { reason: 'no-class', detail: `${entry.wnid} is not a WordNet 3.0 noun synset` } };
  const filtered = checkMetadata({ license: entry.license, dateTaken: base.dateTaken, dateUploaded: base.dateUploaded }, filters);
  return filtered ? { ...base, rejection: filtered } : base;
}

/** Reads and decodes what is needed: bytes for content ids and for every entry that may still be accepted. */
async function load(p: Prepared): Promise<Loaded> {
  if (p.rejection && p.id !== null) return p;
  const src = p.entry.bytes;
  if (src.kind === 'missing') return { ...p, rejection: p.rejection ?? { reason: 'missing-file', detail: `no file ${src.expected}` } };
  let bytes: Uint8Array;
  try {
    bytes = src.kind === 'bytes' ? src.bytes : await readFile(src.path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const file = src.kind === 'file' ? src.path : p.entry.where;
    const rejection: Rejection = code === 'ENOENT' ? { reason: 'missing-file', detail: `${file} does not exist` } : { reason: 'corrupt-image', detail: `cannot read ${file} (${code ?? (err as Error).message})` };
    return { ...p, rejection: p.rejection ?? rejection };
  }
  const sha256 = sha256Hex(bytes);
  if (p.rejection) return { ...p, bytes, sha256 };
  return { ...p, bytes, sha256, normalised: await normaliseCandidate(bytes) };
}

function idOf(b: Loaded): string {
  return b.id ?? b.sha256 ?? placeholderId(b.entry.sourceName, b.entry.where);
}

/** The first reason to reject, in order: metadata, missing/unreadable, exact duplicate, decoding, resolution. */
async function decide(ws: Workspace, poolId: number, b: Loaded, acceptedOriginals: ReadonlyMap<string, string>, filters: FilterRules): Promise<Rejection | undefined> {
  if (b.rejection) return b.rejection;
  const dupOf = acceptedOriginals.get(b.sha256!) ?? (await ws.store.findCandidateByOriginal(poolId, b.sha256!))?.id;
  if (dupOf !== undefined) return { reason: 'exact-duplicate', detail: `same bytes (sha256 ${b.sha256!.slice(0, 12)}…) as candidate ${dupOf}` };
  const n = b.normalised!;
  if (!n.ok) return n.rejection;
  return checkResolution(n.value.width, n.value.height, filters);
}

function candidateRow(b: Loaded, id: string, poolId: number, now: Date): NewCollectCandidate {
  const e = b.entry;
  return {
    id, pool_id: poolId, seq: 0, wnid: e.wnid ?? '', status: 'rejected', reason: null, detail: null,
    original_sha256: null, scaled_sha256: null, thumb_sha256: null, width: null, height: null, format: null, bytes: null,
    source_name: e.sourceName, source_id: e.sourceId, source_url: e.sourceUrl, source_path: e.sourcePath, owner: e.owner,
    license: e.license, date_taken: b.dateTaken, date_uploaded: b.dateUploaded, title: e.title,
    tags: e.tags ? JSON.stringify(e.tags) : null, created_at: now.toISOString(),
  };
}

/**
 * Blobs first, then the batch's rows in one transaction (seq numbers assigned inside it). If the transaction fails,
 * blobs this batch created are deleted unless some row references them, so the workspace is as before the batch.
 */
async function commitBatch(
  ws: Workspace, poolId: number, rows: NewCollectCandidate[], hashes: NewCollectHash[], blobs: ReadonlyArray<{ bytes: Uint8Array; expect: string }>,
): Promise<number> {
  if (rows.length === 0) return 0;
  const created: string[] = [];
  try {
    for (const b of blobs) {
      const put = await ws.blobs.put(b.bytes);
      if (put.created) created.push(put.sha256);
      if (put.sha256 !== b.expect) throw new Error(`blob hash mismatch for ${b.expect}`);
    }
    await ws.store.transaction(async (tx) => {
      const seq = await tx.nextCandidateSeq(poolId);
      await tx.addCandidates(rows.map((r, i) => ({ ...r, seq: seq + i })));
      await tx.putHashes(hashes);
    });
    return created.length;
  } catch (err) {
    for (const sha of created) {
      if (!(await ws.store.isCandidateBlob(sha)) && !(await ws.store.findImage(sha))) await ws.blobs.delete(sha);
    }
    throw err;
  }
}
