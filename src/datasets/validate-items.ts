import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { deflateSync } from 'node:zlib';
import { UserError } from '../errors.js';
import { encodeGrayPng } from '../formats/dataset/gray-png.js';
import type { ProgressListener } from '../progress.js';
import type { PlannedItem } from './import-layout.js';
import { inspectImage } from './inspect-image.js';
import { mapPool } from './promise-pool.js';

/** A planned item whose bytes were read (or encoded), hashed and fully decoded. */
export interface ValidatedItem extends PlannedItem {
  readonly sha256: string;
  readonly width: number;
  readonly height: number;
  readonly format: string;
  readonly bytes: number;
  /** The encoded bytes of generated images (IDX); file images are read again when stored, to bound memory. */
  readonly data?: Uint8Array;
}

/** Decoding is CPU-bound in libvips' threads; twice the cores keeps them busy while files are read. */
export const DEFAULT_CONCURRENCY = 2 * availableParallelism();

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** zlib at a fixed level: the same pixels give the same PNG bytes, hence the same content address. */
const deflate = (data: Uint8Array) => deflateSync(data, { level: 9 });

/**
 * Reads, hashes and fully decodes every planned image with bounded concurrency (progress phase "validate"), then
 * rejects an image that appears under two different classes unless `allowConflicts`.
 */
export async function validateItems(
  items: readonly PlannedItem[],
  { onProgress, concurrency = DEFAULT_CONCURRENCY, allowConflicts = false }: { onProgress: ProgressListener; concurrency?: number; allowConflicts?: boolean },
): Promise<ValidatedItem[]> {
  let done = 0;
  onProgress({ phase: 'validate', done, total: items.length });
  const validated = await mapPool(items, concurrency, async (item) => {
    const v = await validateItem(item);
    onProgress({ phase: 'validate', done: ++done, total: items.length });
    return v;
  });
  if (!allowConflicts) rejectLabelConflicts(validated);
  return validated;
}

async function validateItem(item: PlannedItem): Promise<ValidatedItem> {
  const { source } = item;
  if (source.kind === 'pixels') {
    const data = encodeGrayPng(source.pixels, source.width, source.height, deflate);
    return { ...item, sha256: sha256Of(data), width: source.width, height: source.height, format: 'png', bytes: data.length, data };
  }
  const bytes = await readFile(source.path);
  if (bytes.length === 0) throw new UserError(`${source.path}: empty file`);
  const info = await inspectImage(bytes, source.path);
  return { ...item, sha256: sha256Of(bytes), ...info, bytes: bytes.length };
}

/** The same bytes labelled as two classes is a labelling error that no later stage can repair; name both files. */
export function rejectLabelConflicts(items: readonly ValidatedItem[]): void {
  const first = new Map<string, ValidatedItem>();
  for (const it of items) {
    const prev = first.get(it.sha256);
    if (prev === undefined) first.set(it.sha256, it);
    else if (prev.wnid !== it.wnid) {
      throw new UserError(`the same image (sha256 ${it.sha256.slice(0, 12)}…) is labelled ${prev.wnid} in ${prev.sourcePath} and ${it.wnid} in ${it.sourcePath}`);
    }
  }
}
