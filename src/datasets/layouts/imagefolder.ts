import path from 'node:path';
import { UserError } from '../../errors.js';
import { compareNames, isImageFileName } from '../../formats/dataset/image-names.js';
import { isWnid } from '../../formats/dataset/wnid.js';
import type { ImportLayout, PlannedItem } from '../import-layout.js';
import { listFolder, scanImages } from '../read-input.js';

export interface ImagefolderOptions {
  /** Folder holding one sub-folder per class, named by wnid. */
  readonly path: string;
}

/**
 * `<wnid>/<file>` (torchvision ImageFolder with wnid folders, the ILSVRC train layout). Files may sit in nested folders
 * below the class folder. Every class folder must be a wnid of the class set and hold at least one image.
 */
export const imagefolderLayout: ImportLayout<ImagefolderOptions> = {
  description: '<wnid>/<image> class folders named by WordNet id',
  defaultClasses: 'the wnids of the class folders',
  async plan(request, ctx) {
    const root = path.resolve(request.path);
    ctx.onProgress({ phase: 'scan', done: 0, total: 1 });
    const { files, dirs } = await listFolder(root);
    for (const d of dirs) {
      if (!isWnid(d)) {
        const hint = /^\d+$/.test(d) ? ' (numbered class folders: use the imagenetv2 layout)' : '';
        throw new UserError(`${root}/${d}: class folder "${d}" is not a WordNet id (n + 8 digits)${hint}`);
      }
    }
    const stray = files.find(isImageFileName);
    if (stray !== undefined) throw new UserError(`${root}/${stray}: image is not inside a class folder`);
    if (dirs.length === 0) throw new UserError(`${root}: no class folders found (empty folder?)`);
    const classSet = ctx.classes({ kind: 'found', wnids: dirs });
    const items: PlannedItem[] = [];
    const skipped = [...files];
    for (const wnid of dirs) {
      if (!classSet.hasWnid(wnid)) throw new UserError(`${root}/${wnid}: wnid ${wnid} is not in class set ${classSet.name}`);
      const scan = await scanImages(path.join(root, wnid), `${wnid}/`);
      if (scan.images.length === 0) throw new UserError(`${root}/${wnid}: class folder holds no images`);
      skipped.push(...scan.skipped);
      for (const name of scan.images) {
        const file = path.join(root, name);
        items.push({ name, wnid, sourcePath: file, source: { kind: 'file', path: file } });
      }
    }
    items.sort((a, b) => compareNames(a.name, b.name));
    ctx.onProgress({ phase: 'scan', done: 1, total: 1 });
    return { sourcePath: root, classSet, items, skipped };
  },
};
