import { ClassSet } from '../classes/class-set.js';
import { isBuiltinClassSet, loadBuiltinClassSet, resolveClassSet } from '../catalog/builtin-class-sets.js';
import { loadWordNet } from '../wordnet/load-wordnet.js';
import { UserError } from '../errors.js';
import { ignoreProgress, type ProgressListener } from '../progress.js';
import type { ClassEntry } from '../classes/class-set.js';
import type { DatasetRow, SplitRow } from '../store/store.js';
import type { Workspace } from '../store/workspace.js';
import { commitImport } from './commit-import.js';
import type { ClassFallback, ImportLayout, LayoutContext } from './import-layout.js';
import { IMPORT_LAYOUTS, type ImportLayoutName, type LayoutOptions } from './import-layouts.js';
import { DEFAULT_CONCURRENCY, validateItems } from './validate-items.js';

/** What every import takes, whatever the layout. */
export interface ImportCommon {
  /** Dataset to create, or to add a split to. */
  readonly dataset: string;
  /** Split name; default `test`. It must not exist yet. */
  readonly split?: string;
  /** `ilsvrc2012`, `fashion-mnist` or a class-table file; default: the existing dataset's classes, else per layout. */
  readonly classes?: string;
  /** Hide this split's labels (a challenge's test split). */
  readonly hidden?: boolean;
  /** Description of a newly created dataset. */
  readonly description?: string;
  /** Keep an image that appears under two classes instead of failing (Fashion-MNIST has byte-identical duplicates). */
  readonly allowConflictingDuplicates?: boolean;
}

/** An import request: the common fields plus the options of one layout, told apart by `layout`. */
export type ImportRequest = { [L in ImportLayoutName]: ImportCommon & { readonly layout: L } & LayoutOptions<L> }[ImportLayoutName];

export interface ImportOptions {
  readonly onProgress?: ProgressListener;
  /** Time recorded on new rows; default now. */
  readonly now?: Date;
  /** Images decoded or stored at once; default twice the number of CPUs. */
  readonly concurrency?: number;
}

export interface ImportSummary {
  readonly dataset: DatasetRow;
  readonly split: SplitRow;
  readonly createdDataset: boolean;
  /** Items added to the split. */
  readonly items: number;
  /** Image rows that did not exist in the store before. */
  readonly newImages: number;
  /** Blobs that did not exist in the blob store before. */
  readonly newBlobs: number;
  /** Non-image files that were ignored, relative to the imported folder. */
  readonly skipped: readonly string[];
}

export const DEFAULT_SPLIT = 'test';

/**
 * Imports one split: plan (read the layout, resolve labels) → validate every image → write blobs → one store
 * transaction. Any failure leaves the store and blob store exactly as they were.
 *
 * @example
 * await importDataset(ws, { layout: 'idx', dataset: 'fashion-mnist', split: 'test', images: 't10k-images-idx3-ubyte.gz',
 *   labels: 't10k-labels-idx1-ubyte.gz', classes: 'fashion-mnist' });
 */
export async function importDataset(ws: Workspace, request: ImportRequest, options: ImportOptions = {}): Promise<ImportSummary> {
  const { onProgress = ignoreProgress, now = new Date(), concurrency = DEFAULT_CONCURRENCY } = options;
  const splitName = request.split ?? DEFAULT_SPLIT;
  checkName(request.dataset, 'dataset');
  checkName(splitName, 'split');
  const existing = await ws.store.findDataset(request.dataset);
  if (existing && (await ws.store.findSplit(existing.id, splitName))) {
    throw new UserError(`dataset ${existing.name} already has a split "${splitName}" (choose another --split)`);
  }
  const existingClasses = existing ? await ws.store.datasetClasses(existing.id) : undefined;
  const ctx: LayoutContext = { onProgress, classes: classResolver(request.classes, existing, existingClasses) };
  const layout = IMPORT_LAYOUTS[request.layout] as ImportLayout<typeof request>;
  const plan = await layout.plan(request, ctx);
  if (plan.items.length === 0) throw new UserError(`${plan.sourcePath}: no images found (empty split)`);
  const items = await validateItems(plan.items, { onProgress, concurrency, allowConflicts: request.allowConflictingDuplicates ?? false });
  const result = await commitImport(ws, {
    dataset: { name: request.dataset, description: request.description ?? '', classSet: plan.classSet.name, classes: plan.classSet.entries },
    split: { name: splitName, labelsHidden: request.hidden ?? false, sourceLayout: request.layout, sourcePath: plan.sourcePath },
    items,
  }, { onProgress, now, concurrency });
  return { ...result, items: items.length, skipped: plan.skipped };
}

/** Dataset and split names appear in paths, URLs and file names: keep them plain. */
function checkName(name: string, what: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(name)) {
    throw new UserError(`${what} name "${name}" must start with a letter or digit and use only letters, digits, ".", "_" and "-" (at most 100)`);
  }
}

function classResolver(given: string | undefined, existing: DatasetRow | undefined, existingClasses: readonly ClassEntry[] | undefined) {
  return (fallback: ClassFallback): ClassSet => {
    const stored = existing && existingClasses ? fromEntries(existing.class_set, existingClasses) : undefined;
    if (given !== undefined) {
      const set = isBuiltinClassSet(given) ? resolveClassSet(given) : inWordNet(resolveClassSet(given), given);
      if (stored && existing) assertSameClasses(set, stored, existing.name);
      return set;
    }
    if (stored) return stored;
    if (fallback.kind === 'builtin') return loadBuiltinClassSet(fallback.name);
    return inWordNet(ClassSet.fromWnids('found', [...new Set(fallback.wnids)].sort()), 'the imported labels');
  };
}

/**
 * Checks that every wnid of a user-supplied class set is a WordNet 3.0 noun synset and names unnamed classes by
 * their first lemma. Built-in sets are checked by their own tests.
 */
function inWordNet(set: ClassSet, source: string): ClassSet {
  const wn = loadWordNet();
  const unknown = set.entries.filter((e) => !wn.has(e.wnid)).map((e) => e.wnid);
  if (unknown.length > 0) {
    throw new UserError(`${source}: ${unknown.length} wnid(s) not in WordNet 3.0: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''} (WordNet 3.1 offsets differ from ImageNet's)`);
  }
  return ClassSet.fromWnids(set.name, set.entries.map((e) => e.wnid), set.entries.map((e) => (e.name === e.wnid ? (wn.lemmas(e.wnid)[0] ?? e.wnid) : e.name)));
}

function fromEntries(name: string, entries: readonly ClassEntry[]): ClassSet {
  const ordered = [...entries].sort((a, b) => a.devkitId - b.devkitId);
  return ClassSet.fromWnids(name, ordered.map((e) => e.wnid), ordered.map((e) => e.name));
}

function assertSameClasses(given: ClassSet, stored: ClassSet, dataset: string): void {
  const diff = given.entries.findIndex((e, i) => e.wnid !== stored.entries[i]?.wnid);
  if (given.size !== stored.size || diff >= 0) {
    const where = diff >= 0 ? `; devkit ID ${diff + 1} is ${given.entries[diff]!.wnid} there but ${stored.entries[diff]?.wnid ?? 'missing'} in the dataset` : '';
    throw new UserError(`class set ${given.name} (${given.size} classes) does not match the classes of dataset ${dataset} (${stored.name}, ${stored.size} classes)${where}`);
  }
}
