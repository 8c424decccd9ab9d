import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ClassSet, type LabelSpace } from '../classes/class-set.js';
import { UserError } from '../errors.js';
import type { ExportItem } from '../formats/dataset/export-paths.js';
import { ignoreProgress, type ProgressListener } from '../progress.js';
import type { Workspace } from '../store/workspace.js';
import { EXPORT_FORMATS, type ExportFormat, type ExportFormatName } from './export-formats.js';
import { findSplitOrThrow } from './find-split.js';
import { mapPool } from './promise-pool.js';
import { DEFAULT_CONCURRENCY } from './validate-items.js';

export interface ExportRequest {
  readonly dataset: string;
  readonly split: string;
  readonly format: ExportFormatName;
  /** Output folder; it must not exist or be empty. */
  readonly out: string;
  /** Label space of written labels (labels-csv only); default wnid. */
  readonly labelSpace?: LabelSpace;
  /** Only the first N items of each class, in split order (a sample to try a pipeline on). */
  readonly perClass?: number;
}

export interface ExportSummary {
  readonly dataset: string;
  readonly split: string;
  readonly format: ExportFormatName;
  readonly out: string;
  readonly files: number;
  /** The split's labels are hidden: the caller decides whether exporting them was allowed (the CLI warns). */
  readonly labelsHidden: boolean;
}

/**
 * Writes a split to a folder in one of {@link EXPORT_FORMATS} (progress phase "export"). Importing the result with the
 * layout of the same name yields the same (sha256, wnid) multiset.
 */
export async function exportDataset(
  ws: Workspace,
  req: ExportRequest,
  { onProgress = ignoreProgress, concurrency = DEFAULT_CONCURRENCY }: { onProgress?: ProgressListener; concurrency?: number } = {},
): Promise<ExportSummary> {
  const format: ExportFormat = EXPORT_FORMATS[req.format];
  if (req.labelSpace !== undefined && !format.usesLabelSpace) throw new UserError(`--label-space does not apply to the ${req.format} format`);
  const { dataset, split } = await findSplitOrThrow(ws.store, req.dataset, req.split);
  const entries = await ws.store.datasetClasses(dataset.id);
  const classSet = ClassSet.fromWnids(dataset.class_set, entries.map((e) => e.wnid), entries.map((e) => e.name));
  const rows = firstPerClass(await ws.store.listItems(split.id), req.perClass);
  const formats = new Map<string, string>();
  for (const r of rows) {
    if (!formats.has(r.image_sha256)) formats.set(r.image_sha256, (await ws.store.findImage(r.image_sha256))?.format ?? 'jpeg');
  }
  const items: ExportItem[] = rows.map((r) => ({ name: r.name, sha256: r.image_sha256, wnid: r.wnid, format: formats.get(r.image_sha256)! }));
  const plan = format.plan(items, classSet, req.labelSpace ?? 'wnid');
  const out = path.resolve(req.out);
  await prepareOutFolder(out);
  const total = plan.files.length + plan.texts.length;
  let done = 0;
  onProgress({ phase: 'export', done, total });
  const dirs = new Map<string, Promise<unknown>>();
  const ensureDir = (dir: string) => dirs.get(dir) ?? dirs.set(dir, mkdir(dir, { recursive: true })).get(dir)!;
  const write = async (rel: string, bytes: Uint8Array | string) => {
    const file = path.join(out, ...rel.split('/'));
    await ensureDir(path.dirname(file));
    await writeFile(file, bytes);
    onProgress({ phase: 'export', done: ++done, total });
  };
  await mapPool(plan.files, concurrency, async (f) => write(f.path, await ws.blobs.get(f.sha256)));
  for (const t of plan.texts) await write(t.path, t.text);
  return { dataset: dataset.name, split: split.name, format: req.format, out, files: total, labelsHidden: split.labels_hidden === 1 };
}

async function prepareOutFolder(out: string): Promise<void> {
  const existing = await readdir(out).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    if (err.code === 'ENOTDIR') throw new UserError(`${out}: exists and is not a folder`);
    throw err;
  });
  if (existing.length > 0) throw new UserError(`${out}: output folder is not empty (${existing.length} entries); choose a new --out`);
  await mkdir(out, { recursive: true });
}

function firstPerClass<T extends { readonly wnid: string }>(rows: readonly T[], perClass: number | undefined): readonly T[] {
  if (perClass === undefined) return rows;
  const taken = new Map<string, number>();
  return rows.filter((r) => {
    const n = taken.get(r.wnid) ?? 0;
    taken.set(r.wnid, n + 1);
    return n < perClass;
  });
}
