import { UserError } from '../../errors.js';

/** A class folder of an ImageNetV2-style tree, with the class index its name stands for. */
export interface IndexedFolder {
  readonly folder: string;
  readonly index: number;
}

/**
 * Reads ImageNetV2 class folder names (`0` … `999`) as integers and sorts them NUMERICALLY.
 *
 * torchvision's `ImageFolder` sorts the names as strings ("0", "1", "10", "100", …) and then numbers them 0, 1, 2, …,
 * so folder "10" gets label 2: every ImageNetV2 class except a handful is mislabelled (ImageNetV2 issues #4, #10).
 * Here the label is the folder's number itself, never its rank among the folders.
 *
 * @example indexedClassFolders(['10', '2']) // → [{ folder: '2', index: 2 }, { folder: '10', index: 10 }]
 */
export function indexedClassFolders(folders: readonly string[], where: string): IndexedFolder[] {
  const byIndex = new Map<number, string>();
  for (const folder of folders) {
    if (!/^\d+$/.test(folder)) {
      const hint = /^n\d{8}$/.test(folder) ? ' (it looks like a wnid: use the imagefolder layout)' : '';
      throw new UserError(`${where}/${folder}: class folder "${folder}" is not a class index (a non-negative integer)${hint}`);
    }
    const index = Number(folder);
    const other = byIndex.get(index);
    if (other !== undefined) throw new UserError(`${where}: class folders "${other}" and "${folder}" both stand for class index ${index}`);
    byIndex.set(index, folder);
  }
  return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([index, folder]) => ({ folder, index }));
}
