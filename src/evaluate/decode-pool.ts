import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { UserError } from '../errors.js';
import type { DecodeRequest, DecodeResponse } from './decode-worker.js';
import { batchLength, preprocessBatch, type EncodedImage } from './preprocess-batch.js';
import type { PresetName } from './presets/index.js';

/** Decodes and preprocesses batches off the main thread, so that inference and decoding overlap. */
export interface DecodePool {
  /** Worker threads (0: batches are preprocessed in the calling thread). */
  readonly size: number;
  /** Preprocesses a batch; the images' bytes are transferred to a worker (do not reuse them). */
  preprocess(preset: PresetName, images: readonly EncodedImage[]): Promise<Float32Array>;
  /**
   * Gives back a tensor `preprocess` returned, once nothing reads it any more: a later batch of the same length is
   * written into it (and the tensor is detached when that batch goes to a worker). Optional; saves allocations.
   */
  recycle?(tensor: Float32Array): void;
  close(): Promise<void>;
}

/** Recycled tensors kept per pool: the pass gives one back per batch and takes one per prefetch, so 2 suffice. */
const MAX_SPARE = 2;

/** A pool's recycled tensors: `take` hands out one of exactly the asked length, if there is one. */
function spareTensors(): { put(t: Float32Array): void; take(length: number): Float32Array | undefined } {
  const spare: Float32Array[] = [];
  return {
    put(t) {
      // Only whole, attached buffers: a worker receives the tensor by transferring its buffer.
      if (t.byteOffset !== 0 || t.byteLength === 0 || t.byteLength !== t.buffer.byteLength || !(t.buffer instanceof ArrayBuffer)) return;
      if (spare.includes(t)) return;
      spare.push(t);
      if (spare.length > MAX_SPARE) spare.shift();
    },
    take(length) {
      const i = spare.findIndex((t) => t.length === length && t.byteLength > 0);
      return i < 0 ? undefined : spare.splice(i, 1)[0];
    },
  };
}

interface Pending {
  readonly resolve: (t: Float32Array) => void;
  readonly reject: (e: Error) => void;
}

interface Task extends Pending {
  readonly req: DecodeRequest;
  readonly transfer: ArrayBuffer[];
}

/**
 * A pool of `size` worker threads running decode-worker.ts. Tasks queue in order and go to the next idle worker.
 * A worker that dies fails its task and is replaced.
 */
export function createDecodePool(size: number): DecodePool {
  const spare = spareTensors();
  if (size <= 0) {
    return {
      size: 0,
      preprocess: (preset, images) => preprocessBatch(preset, images, spare.take(batchLength(preset, images.length))),
      recycle: (t) => spare.put(t),
      close: async () => {},
    };
  }
  const queue: Task[] = [];
  const idle: Worker[] = [];
  const busy = new Map<Worker, Task>();
  let nextId = 1;
  let closed = false;

  const dispatch = () => {
    while (idle.length > 0 && queue.length > 0) {
      const w = idle.pop()!;
      const task = queue.shift()!;
      busy.set(w, task);
      w.postMessage(task.req, task.transfer);
    }
  };
  const spawn = () => {
    const w = startWorker();
    w.on('message', (res: DecodeResponse) => {
      const task = busy.get(w);
      busy.delete(w);
      idle.push(w);
      if (task) {
        if (res.ok) task.resolve(res.tensor);
        else task.reject(res.userError ? new UserError(res.message, 1) : new Error(res.message));
      }
      dispatch();
    });
    w.on('error', (err) => {
      const task = busy.get(w);
      busy.delete(w);
      task?.reject(err);
      if (!closed) spawn();
      dispatch();
    });
    idle.push(w);
  };
  for (let i = 0; i < size; i++) spawn();

  return {
    size,
    preprocess(preset, images) {
      if (closed) return Promise.reject(new Error('decode pool is closed'));
      const transfer: ArrayBuffer[] = [];
      const own = images.map((img) => {
        // Transfer a standalone copy when the bytes share a buffer (e.g. Node's pooled small Buffers).
        const standalone = img.bytes.byteOffset === 0 && img.bytes.byteLength === img.bytes.buffer.byteLength && img.bytes.buffer instanceof ArrayBuffer;
        const bytes = standalone ? img.bytes : img.bytes.slice();
        transfer.push(bytes.buffer as ArrayBuffer);
        return { bytes, what: img.what };
      });
      const into = spare.take(batchLength(preset, images.length));
      if (into) transfer.push(into.buffer as ArrayBuffer);
      return new Promise<Float32Array>((resolve, reject) => {
        queue.push({ req: { id: nextId++, preset, images: own, ...(into ? { into } : {}) }, transfer, resolve, reject });
        dispatch();
      });
    },
    recycle: (t) => {
      if (!closed) spare.put(t);
    },
    async close() {
      closed = true;
      for (const t of queue.splice(0)) t.reject(new Error('decode pool closed'));
      await Promise.all([...idle, ...busy.keys()].map((w) => w.terminate()));
    },
  };
}

/**
 * Starts one decode worker: the compiled decode-worker.js next to this file, or — when running from the TypeScript
 * sources (tests) — the .ts file through dev/ts-worker-hooks.mjs.
 */
function startWorker(): Worker {
  const compiled = new URL('./decode-worker.js', import.meta.url);
  if (!import.meta.url.endsWith('.ts') || existsSync(fileURLToPath(compiled))) return new Worker(compiled);
  const hooks = new URL('./dev/ts-worker-hooks.mjs', import.meta.url).href;
  const entry = new URL('./decode-worker.ts', import.meta.url).href;
  const boot = `import { register } from 'node:module'; register(${JSON.stringify(hooks)}); await import(${JSON.stringify(entry)});`;
  return new Worker(boot, { eval: true, type: 'module' } as ConstructorParameters<typeof Worker>[1]);
}
