import path from 'node:path';
import { UserError, at } from '../../errors.js';
import { parseGroundTruth } from '../../formats/dataset/ilsvrc-ground-truth.js';
import { isImageFileName } from '../../formats/dataset/image-names.js';
import type { ImportLayout, PlannedItem } from '../import-layout.js';
import { firstExistingFile, listFolder, readInputText } from '../read-input.js';

export interface IlsvrcValOptions {
  /** Flat folder of `ILSVRC2012_val_00000001.JPEG` … */
  readonly path: string;
  /** One devkit ID per line; default: {@link GROUND_TRUTH_FILE} inside the folder, else next to it. */
  readonly groundTruth?: string;
}

export const GROUND_TRUTH_FILE = 'ILSVRC2012_validation_ground_truth.txt';

/** Image number of devkit file names, e.g. `ILSVRC2012_val_00000042.JPEG` → 42 (other names carry none). */
const NUMBERED = /^ILSVRC\d{4}_[a-z]+_(\d{8})\.[^.]+$/i;

/**
 * The ILSVRC validation layout: a flat folder of images plus a ground-truth file whose line i holds the devkit class
 * ID of the i-th image in sorted file-name order. When the names carry the devkit's 8-digit numbers, the i-th file
 * must be number i, so a folder with an image missing cannot silently shift every later label by one.
 */
export const ilsvrcValLayout: ImportLayout<IlsvrcValOptions> = {
  description: `flat folder of images + ${GROUND_TRUTH_FILE} (devkit IDs, line i = i-th file in sorted order)`,
  defaultClasses: 'ilsvrc2012',
  async plan(request, ctx) {
    const root = path.resolve(request.path);
    ctx.onProgress({ phase: 'scan', done: 0, total: 1 });
    const { files, dirs } = await listFolder(root);
    const images = files.filter(isImageFileName);
    if (images.length === 0) {
      const hint = dirs.length > 0 ? ' (it has sub-folders: for class folders use the imagefolder layout)' : '';
      throw new UserError(`${root}: no images found${hint}`);
    }
    const gtFile = await groundTruthFile(root, request.groundTruth);
    const ids = parseGroundTruth(await readInputText(gtFile, 'ground-truth file'), gtFile);
    if (ids.length !== images.length) {
      throw new UserError(`${gtFile}: has ${ids.length} label line(s) but ${root} has ${images.length} image(s); line i must label the i-th image in sorted order`);
    }
    const classSet = ctx.classes({ kind: 'builtin', name: 'ilsvrc2012' });
    const items: PlannedItem[] = images.map((name, i) => {
      const number = NUMBERED.exec(name)?.[1];
      if (number !== undefined && Number(number) !== i + 1) {
        throw new UserError(`${root}/${name}: is image number ${Number(number)} but file #${i + 1} in sorted order, so line ${i + 1} of ${path.basename(gtFile)} would not be its label (missing or extra images?)`);
      }
      const id = ids[i]!;
      let wnid: string;
      try {
        wnid = classSet.byDevkitId(id).wnid;
      } catch (err) {
        throw new UserError(`${at(gtFile, i + 1)}: ${(err as Error).message}`);
      }
      const file = path.join(root, name);
      return { name, wnid, sourcePath: file, source: { kind: 'file', path: file } };
    });
    ctx.onProgress({ phase: 'scan', done: 1, total: 1 });
    return { sourcePath: root, classSet, items, skipped: files.filter((f) => !isImageFileName(f)) };
  },
};

async function groundTruthFile(root: string, given: string | undefined): Promise<string> {
  if (given !== undefined) return path.resolve(given);
  const candidates = [path.join(root, GROUND_TRUTH_FILE), path.join(path.dirname(root), GROUND_TRUTH_FILE)];
  const found = await firstExistingFile(candidates);
  if (found === undefined) throw new UserError(`ground-truth file not found: looked for ${candidates.join(' and ')} (give --ground-truth FILE)`);
  return found;
}
