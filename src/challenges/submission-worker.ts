import { parentPort } from 'node:worker_threads';
import { ClassSet } from '../classes/class-set.js';
import type { LabelSpace } from '../classes/class-set.js';
import type { TableFormat } from '../formats/predictions/tables.js';
import { ChallengeError } from './challenge-error.js';
import { submissionParser, type ParsedSubmission, type SubmissionParser, type SubmissionShape } from './parse-submission.js';
import { storedSplits, type StoredSplit } from './stored-splits.js';

/** A challenge's public facts as sent to a worker once (a ClassSet does not survive structured cloning). */
export interface ShapeMessage {
  readonly key: string;
  readonly imageIds: readonly string[];
  readonly classSet: { readonly name: string; readonly wnids: readonly string[]; readonly names: readonly string[] };
  readonly labelSpace: LabelSpace;
  readonly k: number;
  readonly formats: readonly TableFormat[];
  readonly maxBytes: number;
}

export type WorkerRequest =
  | { readonly kind: 'shape'; readonly shape: ShapeMessage }
  | { readonly kind: 'begin'; readonly id: number; readonly key: string; readonly fileName: string }
  | { readonly kind: 'chunk'; readonly id: number; readonly bytes: Uint8Array }
  | { readonly kind: 'end'; readonly id: number }
  | { readonly kind: 'abort'; readonly id: number }
  | { readonly kind: 'score'; readonly id: number; readonly labels: TableRef<Int32Array>; readonly guesses: Int32Array; readonly k: number; readonly assignment: TableRef<string> };

/**
 * A value the worker keeps between requests: sent once with its `ref` (`value` present), then named by `ref` alone.
 * Both sides forget in the same order (`RetainedTables`), so the pool knows exactly what the worker still holds.
 */
export interface TableRef<T> {
  readonly ref: number;
  readonly value?: T;
}

/** Hidden labels and split assignments a worker keeps: the last `RETAINED` of each kind, oldest dropped first. */
export const RETAINED = 8;

/** Insertion-ordered memory of at most RETAINED values, used identically by the pool (keys) and the worker (values). */
export class RetainedTables<K, V> {
  private readonly map = new Map<K, V>();
  get(key: K): V | undefined {
    return this.map.get(key);
  }
  set(key: K, value: V): void {
    this.map.set(key, value);
    if (this.map.size > RETAINED) this.map.delete(this.map.keys().next().value as K);
  }
}

export type WorkerResponse =
  | { readonly id: number; readonly ok: true; readonly parsed: ParsedSubmission }
  | { readonly id: number; readonly ok: true; readonly splits: StoredSplit[] }
  | { readonly id: number; readonly ok: false; readonly message: string; readonly status?: number };

/** Rebuilds a shape from its message (in the worker, or inline when there are no workers). */
export function shapeOf(m: ShapeMessage): SubmissionShape {
  return {
    imageIds: m.imageIds, classes: ClassSet.fromWnids(m.classSet.name, m.classSet.wnids, m.classSet.names),
    labelSpace: m.labelSpace, k: m.k, formats: m.formats, maxBytes: m.maxBytes,
  };
}

const shapes = new Map<string, SubmissionShape>();
const labelTables = new RetainedTables<number, Int32Array>();
const assignments = new RetainedTables<number, string>();

/** The value a reference names: stored when it comes with the request. */
function resolveRef<T>(tables: RetainedTables<number, T>, ref: TableRef<T>): T {
  if (ref.value !== undefined) tables.set(ref.ref, ref.value);
  const value = tables.get(ref.ref);
  if (value === undefined) throw new Error(`worker lost table ${ref.ref}`);
  return value;
}
const sessions = new Map<number, SubmissionParser>();

const fail = (id: number, err: unknown): WorkerResponse => ({
  id, ok: false, message: err instanceof Error ? err.message : String(err), ...(err instanceof ChallengeError ? { status: err.status } : {}),
});

parentPort?.on('message', (req: WorkerRequest) => {
  switch (req.kind) {
    case 'shape':
      shapes.set(req.shape.key, shapeOf(req.shape));
      return;
    case 'begin': {
      const shape = shapes.get(req.key);
      if (shape) sessions.set(req.id, submissionParser(req.fileName, shape));
      else parentPort!.postMessage(fail(req.id, new Error(`worker has no shape ${req.key}`)));
      return;
    }
    case 'chunk':
      sessions.get(req.id)?.push(req.bytes);
      return;
    case 'abort':
      sessions.delete(req.id);
      return;
    case 'end': {
      const session = sessions.get(req.id);
      sessions.delete(req.id);
      if (!session) return;
      try {
        const parsed = session.end();
        parentPort!.postMessage({ id: req.id, ok: true, parsed } satisfies WorkerResponse, [parsed.guesses.buffer as ArrayBuffer]);
      } catch (err) {
        parentPort!.postMessage(fail(req.id, err));
      }
      return;
    }
    case 'score':
      try {
        const splits = storedSplits(resolveRef(labelTables, req.labels), req.guesses, req.k, resolveRef(assignments, req.assignment));
        parentPort!.postMessage({ id: req.id, ok: true, splits } satisfies WorkerResponse, splits.map((s) => s.bits.buffer as ArrayBuffer));
      } catch (err) {
        parentPort!.postMessage(fail(req.id, err));
      }
  }
});
