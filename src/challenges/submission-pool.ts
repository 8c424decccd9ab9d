import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ChallengeError, type ChallengeErrorStatus } from './challenge-error.js';
import { submissionParser, type ParsedSubmission } from './parse-submission.js';
import { storedSplits, type StoredSplit } from './stored-splits.js';
import { RetainedTables, shapeOf, type ShapeMessage, type TableRef, type WorkerRequest, type WorkerResponse } from './submission-worker.js';

/** An upload being parsed while it arrives. `push` copies what it needs; `result` settles after `end`. */
export interface ParseSession {
  push(chunk: Uint8Array): void;
  /** No more bytes: parse what is left; the promise settles with the parsed file or its first error. */
  end(): Promise<ParsedSubmission>;
  /** The upload failed: forget the session. */
  abort(): void;
}

/**
 * Parsing and scoring of submissions off the main thread: the request thread only moves bytes, the store and the
 * leaderboard. `size` 0 does everything in the calling thread (the CLI, which scores one file at a time).
 */
export interface SubmissionPool {
  readonly size: number;
  /** Starts parsing an upload of a challenge whose shape is `shape` (sent to a worker once per key). */
  begin(shape: () => ShapeMessage, key: string, fileName: string): ParseSession;
  /** Scores aligned guesses on each board (the guesses are transferred: do not reuse them). */
  score(labels: Int32Array, guesses: Int32Array, k: number, assignment: string): Promise<StoredSplit[]>;
  close(): Promise<void>;
}

interface Pending {
  readonly resolve: (r: WorkerResponse & { ok: true }) => void;
  readonly reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Shape keys this worker holds. */
  shapes: Set<string>;
  pending: Map<number, Pending>;
  /** What this worker holds of the hidden labels (by array identity: the challenge cache hands out one per revision) and of split assignments (by value). */
  labels: RetainedTables<Int32Array, number>;
  assignments: RetainedTables<string, number>;
}

/** Uploads reach the request thread in socket-sized pieces (~16–64 KB); each message to a worker costs ~0.1 ms. */
const BATCH_BYTES = 256 * 1024;

/**
 * A pool of `size` worker threads running submission-worker.ts. A parse session stays on one worker (its chunks go
 * there in order); each request goes to the worker with the fewest requests in flight. A worker that dies fails its
 * requests (the upload is answered 500 and nothing is stored; a scoring job fails and the host can rescore) and is
 * replaced. Workers are unref'd: they never keep a process alive.
 */
export function createSubmissionPool(size: number): SubmissionPool {
  if (size <= 0) return inlinePool();
  const slots: Slot[] = [];
  let nextId = 1;
  let closed = false;
  let started = false;

  const spawn = (i: number): void => {
    const slot: Slot = { worker: startWorker(), shapes: new Set(), pending: new Map(), labels: new RetainedTables(), assignments: new RetainedTables() };
    slot.worker.on('message', (res: WorkerResponse) => {
      const p = slot.pending.get(res.id);
      if (!p) return;
      slot.pending.delete(res.id);
      if (res.ok) p.resolve(res);
      else p.reject(res.status !== undefined ? new ChallengeError(res.message, res.status as ChallengeErrorStatus) : new Error(res.message));
    });
    slot.worker.on('error', (err) => {
      for (const p of slot.pending.values()) p.reject(err);
      slot.pending.clear();
      if (!closed) spawn(i);
    });
    // After the listeners: adding a 'message' listener refs the worker's port again (Node 20), and a ref'd port
    // kept `heldout serve` alive after SIGTERM once an upload had started the pool.
    slot.worker.unref();
    slots[i] = slot;
  };
  const leastBusy = (): Slot => {
    // Started on first use: most environments (tests, one-shot commands) never parse an upload.
    if (!started) {
      started = true;
      for (let i = 0; i < size; i++) spawn(i);
    }
    return slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  };
  const request = (slot: Slot, id: number): Promise<WorkerResponse & { ok: true }> =>
    new Promise((resolve, reject) => slot.pending.set(id, { resolve, reject }));
  const post = (slot: Slot, req: WorkerRequest, transfer: ArrayBuffer[] = []): void => slot.worker.postMessage(req, transfer);
  /** A reference to `key`'s value in the worker, carrying the value only when the worker does not hold it. */
  const refTo = <K, V>(tables: RetainedTables<K, number>, key: K, value: V): TableRef<V> => {
    const held = tables.get(key);
    if (held !== undefined) return { ref: held };
    const ref = nextId++;
    tables.set(key, ref);
    return { ref, value };
  };

  return {
    size,
    begin(shape, key, fileName) {
      if (closed) throw new Error('submission pool is closed');
      const slot = leastBusy();
      const id = nextId++;
      if (!slot.shapes.has(key)) {
        post(slot, { kind: 'shape', shape: shape() });
        slot.shapes.add(key);
      }
      // Registered now, so a worker crash during the upload is not missed; `end` hands the promise out.
      const result = request(slot, id);
      result.catch(() => {});
      post(slot, { kind: 'begin', id, key, fileName });
      let done = false;
      // Pieces are copied into one batch (the caller keeps its own bytes), which is transferred when full.
      let batch = new Uint8Array(BATCH_BYTES);
      let filled = 0;
      const flush = (): void => {
        if (filled === 0) return;
        const bytes = filled === batch.byteLength ? batch : batch.slice(0, filled);
        post(slot, { kind: 'chunk', id, bytes }, [bytes.buffer as ArrayBuffer]);
        batch = new Uint8Array(BATCH_BYTES);
        filled = 0;
      };
      return {
        push(chunk) {
          if (done) return;
          for (let at = 0; at < chunk.byteLength;) {
            const n = Math.min(chunk.byteLength - at, BATCH_BYTES - filled);
            batch.set(chunk.subarray(at, at + n), filled);
            filled += n;
            at += n;
            if (filled === BATCH_BYTES) flush();
          }
        },
        async end() {
          done = true;
          flush();
          post(slot, { kind: 'end', id });
          return ((await result) as { parsed: ParsedSubmission }).parsed;
        },
        abort() {
          if (done) return;
          done = true;
          slot.pending.delete(id);
          post(slot, { kind: 'abort', id });
        },
      };
    },
    async score(labels, guesses, k, assignment) {
      if (closed) throw new Error('submission pool is closed');
      const slot = leastBusy();
      const id = nextId++;
      const result = request(slot, id);
      const req: WorkerRequest = { kind: 'score', id, labels: refTo(slot.labels, labels, labels), guesses, k, assignment: refTo(slot.assignments, assignment, assignment) };
      post(slot, req, [guesses.buffer as ArrayBuffer]);
      return ((await result) as { splits: StoredSplit[] }).splits;
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

const shared = new Map<number, SubmissionPool>();

/** One pool of `size` workers per process (several apps in one test process share their threads). */
export function sharedSubmissionPool(size: number): SubmissionPool {
  let pool = shared.get(size);
  if (!pool) shared.set(size, (pool = createSubmissionPool(size)));
  return pool;
}

/** The same work in the calling thread. */
function inlinePool(): SubmissionPool {
  const shapes = new Map<string, ReturnType<typeof shapeOf>>();
  return {
    size: 0,
    begin(shape, key, fileName) {
      let s = shapes.get(key);
      if (!s) shapes.set(key, (s = shapeOf(shape())));
      const parser = submissionParser(fileName, s);
      return { push: (chunk) => parser.push(chunk), end: async () => parser.end(), abort: () => {} };
    },
    score: async (labels, guesses, k, assignment) => storedSplits(labels, guesses, k, assignment),
    close: async () => {},
  };
}

/**
 * Starts one worker: the compiled submission-worker.js next to this file, or, when running from the TypeScript
 * sources (tests), the .ts file through the testbed's dev/ts-worker-hooks.mjs (as evaluate/decode-pool.ts does).
 */
function startWorker(): Worker {
  const compiled = new URL('./submission-worker.js', import.meta.url);
  if (!import.meta.url.endsWith('.ts') || existsSync(fileURLToPath(compiled))) return new Worker(compiled);
  const hooks = new URL('../evaluate/dev/ts-worker-hooks.mjs', import.meta.url).href;
  const entry = new URL('./submission-worker.ts', import.meta.url).href;
  const boot = `import { register } from 'node:module'; register(${JSON.stringify(hooks)}); await import(${JSON.stringify(entry)});`;
  return new Worker(boot, { eval: true, type: 'module' } as ConstructorParameters<typeof Worker>[1]);
}
