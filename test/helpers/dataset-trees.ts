import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { makeImage, writeTree, type TestImageFormat } from './images.js';

/** The class folders of {@link writeImagefolder}: wnid → images (seed, and optionally format and file name). */
export type ClassTree = Readonly<Record<string, ReadonlyArray<{ readonly seed: number; readonly format?: TestImageFormat; readonly name?: string }>>>;

/**
 * Writes `<root>/<class>/<file>` with generated images; file names default to `img<seed>.<ext>`. Returns the relative
 * paths written. Works for wnid folders (imagefolder) and numbered folders (imagenetv2) alike.
 */
export async function writeClassFolders(root: string, tree: ClassTree): Promise<string[]> {
  const files: Record<string, Uint8Array> = {};
  for (const [cls, images] of Object.entries(tree)) {
    await mkdir(path.join(root, cls), { recursive: true });
    for (const { seed, format = 'png', name } of images) {
      files[`${cls}/${name ?? `img${seed}.${format === 'jpeg' ? 'jpg' : format}`}`] = await makeImage(seed, { format });
    }
  }
  await writeTree(root, files);
  return Object.keys(files);
}

/** An ILSVRC-style validation folder: `ILSVRC2012_val_0000000<i>.JPEG` for each devkit ID, plus the ground truth. */
export async function writeIlsvrcVal(root: string, devkitIds: readonly number[], { groundTruth = 'inside' }: { groundTruth?: 'inside' | 'next-to' | 'none' } = {}): Promise<{ dir: string; groundTruth: string }> {
  const dir = path.join(root, 'val');
  const files: Record<string, Uint8Array | string> = {};
  for (let i = 0; i < devkitIds.length; i++) {
    files[`val/ILSVRC2012_val_${String(i + 1).padStart(8, '0')}.JPEG`] = await makeImage(1000 + i, { format: 'jpeg' });
  }
  const gtRel = groundTruth === 'next-to' ? 'ILSVRC2012_validation_ground_truth.txt' : 'val/ILSVRC2012_validation_ground_truth.txt';
  if (groundTruth !== 'none') files[gtRel] = `${devkitIds.join('\n')}\n`;
  await writeTree(root, files);
  return { dir, groundTruth: path.join(root, gtRel) };
}
