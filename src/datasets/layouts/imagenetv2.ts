import path from 'node:path';
import { UserError } from '../../errors.js';
import { indexedClassFolders } from '../../formats/dataset/class-folders.js';
import { isImageFileName } from '../../formats/dataset/image-names.js';
import type { ImportLayout, PlannedItem } from '../import-layout.js';
import { listFolder, scanImages } from '../read-input.js';

export interface Imagenetv2Options {
  /** Folder holding class folders `0`, `1`, … named by sorted class index. */
  readonly path: string;
}

/**
 * `<class index>/<image>` as in the ImageNetV2 release: the folder name IS the sorted-wnid class index. Folders are
 * sorted numerically; torchvision's string sort would call folder "10" class 2 (see formats/dataset/class-folders.ts).
 */
export const imagenetv2Layout: ImportLayout<Imagenetv2Options> = {
  description: '<class index>/<image> folders numbered by sorted-wnid index (ImageNetV2 release)',
  defaultClasses: 'ilsvrc2012',
  async plan(request, ctx) {
    const root = path.resolve(request.path);
    ctx.onProgress({ phase: 'scan', done: 0, total: 1 });
    const { files, dirs } = await listFolder(root);
    const stray = files.find(isImageFileName);
    if (stray !== undefined) throw new UserError(`${root}/${stray}: image is not inside a class folder`);
    if (dirs.length === 0) throw new UserError(`${root}: no class folders found (empty folder?)`);
    const folders = indexedClassFolders(dirs, root);
    const classSet = ctx.classes({ kind: 'builtin', name: 'ilsvrc2012' });
    const items: PlannedItem[] = [];
    const skipped = [...files];
    for (const { folder, index } of folders) {
      if (!Number.isInteger(index) || index >= classSet.size) {
        throw new UserError(`${root}/${folder}: class index ${index} is out of range for class set ${classSet.name} (0..${classSet.size - 1})`);
      }
      const { wnid } = classSet.byIndex(index);
      const scan = await scanImages(path.join(root, folder), `${folder}/`);
      if (scan.images.length === 0) throw new UserError(`${root}/${folder}: class folder holds no images`);
      skipped.push(...scan.skipped);
      for (const name of scan.images) {
        const file = path.join(root, name);
        items.push({ name, wnid, sourcePath: file, source: { kind: 'file', path: file } });
      }
    }
    ctx.onProgress({ phase: 'scan', done: 1, total: 1 });
    return { sourcePath: root, classSet, items, skipped };
  },
};
