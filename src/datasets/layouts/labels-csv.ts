import path from 'node:path';
import type { ClassEntry, LabelSpace } from '../../classes/class-set.js';
import { UserError, at } from '../../errors.js';
import { parseLabelsCsv } from '../../formats/dataset/labels-csv.js';
import { isWnid } from '../../formats/dataset/wnid.js';
import type { ImportLayout, PlannedItem } from '../import-layout.js';
import { firstExistingFile, readInputText, scanImages } from '../read-input.js';

export interface LabelsCsvOptions {
  /** Folder of images; the CSV names them relative to it. */
  readonly path: string;
  /** CSV with header `image,label`; default: `labels.csv` inside the folder, else next to it. */
  readonly labels?: string;
  /** How the label column is written; there is no default, because guessing index vs devkit ID mislabels silently. */
  readonly labelSpace: LabelSpace;
}

export const LABELS_CSV_FILE = 'labels.csv';

/**
 * A folder of images plus a CSV `image,label`. Every image must have exactly one row and every row an image. Labels
 * are wnids, sorted-wnid indices or devkit IDs, as declared by `labelSpace`.
 */
export const labelsCsvLayout: ImportLayout<LabelsCsvOptions> = {
  description: 'folder of images + labels CSV (image,label) in a declared label space',
  defaultClasses: 'the wnids found with --label-space wnid, else ilsvrc2012',
  async plan(request, ctx) {
    const root = path.resolve(request.path);
    ctx.onProgress({ phase: 'scan', done: 0, total: 1 });
    const csvFile = await labelsFile(root, request.labels);
    const rows = parseLabelsCsv(await readInputText(csvFile, 'labels file'), csvFile);
    if (rows.length === 0) throw new UserError(`${csvFile}: no label rows (empty split)`);
    const scan = await scanImages(root);
    if (scan.images.length === 0) throw new UserError(`${root}: no images found`);
    const onDisk = new Set(scan.images);
    for (const r of rows) {
      if (!onDisk.has(r.image)) throw new UserError(`${at(csvFile, r.line)}: image ${r.image} not found in ${root}`);
    }
    const labelled = new Map(rows.map((r) => [r.image, r]));
    const unlabelled = scan.images.find((f) => !labelled.has(f));
    if (unlabelled !== undefined) throw new UserError(`${root}/${unlabelled}: image has no row in ${csvFile}`);
    if (request.labelSpace === 'wnid') {
      const bad = rows.find((r) => !isWnid(r.label));
      if (bad) throw new UserError(`${at(csvFile, bad.line)}: "${bad.label}" is not a WordNet id (n + 8 digits)`);
    }
    const classSet = ctx.classes(request.labelSpace === 'wnid'
      ? { kind: 'found', wnids: [...new Set(rows.map((r) => r.label))] }
      : { kind: 'builtin', name: 'ilsvrc2012' });
    const items: PlannedItem[] = scan.images.map((name) => {
      const row = labelled.get(name)!;
      let entry: ClassEntry;
      try {
        entry = classSet.parse(row.label, request.labelSpace);
      } catch (err) {
        throw new UserError(`${at(csvFile, row.line)}: ${(err as Error).message}`);
      }
      const file = path.join(root, name);
      return { name, wnid: entry.wnid, sourcePath: file, source: { kind: 'file', path: file } };
    });
    ctx.onProgress({ phase: 'scan', done: 1, total: 1 });
    const skipped = scan.skipped.filter((f) => path.join(root, f) !== csvFile);
    return { sourcePath: root, classSet, items, skipped };
  },
};

async function labelsFile(root: string, given: string | undefined): Promise<string> {
  if (given !== undefined) return path.resolve(given);
  const candidates = [path.join(root, LABELS_CSV_FILE), path.join(path.dirname(root), LABELS_CSV_FILE)];
  const found = await firstExistingFile(candidates);
  if (found === undefined) throw new UserError(`labels file not found: looked for ${candidates.join(' and ')} (give --labels FILE)`);
  return found;
}
