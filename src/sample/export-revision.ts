import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ClassSet } from '../classes/class-set.js';
import { exportDataset } from '../datasets/export-dataset.js';
import { UserError } from '../errors.js';
import { ignoreProgress, type ProgressListener } from '../progress.js';
import type { Workspace } from '../store/workspace.js';
import { findRevisionOrThrow } from './find-revision.js';
import { manifestCsv } from './manifest-csv.js';
import { REVISION_SPLIT } from './materialise-revision.js';

/** What `heldout sample export` writes. */
export const REVISION_EXPORT_FORMATS = {
  imagenetv2: '<sorted class index>/<sha256>.<ext>: the ImageNetV2 release layout (numeric folders); import with heldout dataset import imagenetv2',
  imagefolder: '<wnid>/<sha256>.<ext>: torchvision ImageFolder; import with heldout dataset import imagefolder',
  manifest: 'manifest.csv: row,image_id,wnid,class_index,frequency,annotations in the revision\'s order',
} as const;

export type RevisionExportFormat = keyof typeof REVISION_EXPORT_FORMATS;

export function isRevisionExportFormat(name: string): name is RevisionExportFormat {
  return Object.hasOwn(REVISION_EXPORT_FORMATS, name);
}

export interface RevisionExportSummary {
  readonly revision: string;
  readonly format: RevisionExportFormat;
  readonly out: string;
  readonly files: number;
}

/**
 * Exports a revision. Image layouts go through the datasets export of the materialised dataset (`<name>/test`), so
 * they round-trip through the import layouts of the same name; the manifest is written from the revision's rows.
 */
export async function exportRevision(
  ws: Workspace, req: { readonly name: string; readonly format: RevisionExportFormat; readonly out: string },
  { onProgress = ignoreProgress }: { onProgress?: ProgressListener } = {},
): Promise<RevisionExportSummary> {
  const { revision } = await findRevisionOrThrow(ws.store, req.name);
  const out = path.resolve(req.out);
  if (req.format !== 'manifest') {
    if (revision.dataset_id === null) throw new UserError(`the dataset of revision ${revision.name} was deleted; only --format manifest can be written`);
    const s = await exportDataset(ws, { dataset: revision.name, split: REVISION_SPLIT, format: req.format, out }, { onProgress });
    return { revision: revision.name, format: req.format, out: s.out, files: s.files };
  }
  const ref = (await ws.store.listDatasets()).find((d) => d.splits.some((s) => s.id === revision.reference_split_id));
  if (!ref) throw new UserError(`the reference dataset of revision ${revision.name} was deleted`);
  const entries = await ws.store.datasetClasses(ref.id);
  const classes = ClassSet.fromWnids(ref.class_set, entries.map((e) => e.wnid), entries.map((e) => e.name));
  const existing = await readdir(out).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  if (existing.length > 0) throw new UserError(`${out}: output folder is not empty (${existing.length} entries); choose a new --out`);
  await mkdir(out, { recursive: true });
  onProgress({ phase: 'export', done: 0, total: 1 });
  await writeFile(path.join(out, 'manifest.csv'), manifestCsv(await ws.store.sampleImages(revision.id), classes));
  onProgress({ phase: 'export', done: 1, total: 1 });
  return { revision: revision.name, format: 'manifest', out, files: 1 };
}
