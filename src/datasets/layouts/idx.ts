import path from 'node:path';
import type { ClassSet } from '../../classes/class-set.js';
import { packageDataPath } from '../../paths.js';
import { UserError, at } from '../../errors.js';
import { parseIdx } from '../../formats/dataset/idx.js';
import { parseIdxClassMap } from '../../formats/dataset/idx-class-map.js';
import type { ImportLayout, PlannedItem } from '../import-layout.js';
import { readInputText, readMaybeGzipped } from '../read-input.js';

export interface IdxOptions {
  /** IDX images file (count × rows × columns unsigned bytes), gzipped or not. */
  readonly images: string;
  /** IDX labels file (count unsigned bytes), gzipped or not. */
  readonly labels: string;
  /**
   * Label value → class: a class-map file, or `fashion-mnist` for the bundled table. Default: value v is the class
   * with devkit ID v + 1 (right for the fashion-mnist class set and any set listed in label order).
   */
  readonly classMap?: string;
}

/** Built-in class maps, by name. */
export const BUILTIN_CLASS_MAPS = { 'fashion-mnist': 'classes/fashion-mnist_classes.tsv' } as const;

/**
 * MNIST-style IDX files. Each image becomes an 8-bit grayscale PNG (see formats/dataset/gray-png.ts) named `00000`,
 * `00001`, … in file order; the source path is `<images file>#<i>`.
 */
export const idxLayout: ImportLayout<IdxOptions> = {
  description: 'MNIST/Fashion-MNIST IDX files (--images, --labels; gzipped or not)',
  defaultClasses: 'fashion-mnist',
  async plan(request, ctx) {
    const imagesFile = path.resolve(request.images);
    const labelsFile = path.resolve(request.labels);
    ctx.onProgress({ phase: 'scan', done: 0, total: 1 });
    const images = parseIdx(await readMaybeGzipped(imagesFile, 'IDX images file'), imagesFile, 3);
    const labels = parseIdx(await readMaybeGzipped(labelsFile, 'IDX labels file'), labelsFile, 1);
    const [count, rows, cols] = images.dims as [number, number, number];
    if (labels.dims[0] !== count) throw new UserError(`${labelsFile}: has ${labels.dims[0]} labels but ${imagesFile} has ${count} images`);
    const classSet = ctx.classes({ kind: 'builtin', name: 'fashion-mnist' });
    const classOf = await classMap(request.classMap, classSet);
    const pad = Math.max(5, String(count - 1).length);
    const size = rows * cols;
    const items: PlannedItem[] = [];
    for (let i = 0; i < count; i++) {
      const value = labels.data[i]!;
      const wnid = classOf(value);
      if (wnid === undefined) {
        throw new UserError(`${labelsFile}#${i}: label value ${value} has no class (${request.classMap === undefined ? `class set ${classSet.name} has devkit IDs 1..${classSet.size}, so values 0..${classSet.size - 1}` : `not in class map ${request.classMap}`})`);
      }
      items.push({
        name: String(i).padStart(pad, '0'),
        wnid,
        sourcePath: `${imagesFile}#${i}`,
        source: { kind: 'pixels', pixels: images.data.subarray(i * size, (i + 1) * size), width: cols, height: rows },
      });
    }
    ctx.onProgress({ phase: 'scan', done: 1, total: 1 });
    return { sourcePath: imagesFile, classSet, items, skipped: [] };
  },
};

async function classMap(spec: string | undefined, classSet: ClassSet): Promise<(value: number) => string | undefined> {
  if (spec === undefined) return (v) => (v < classSet.size ? classSet.byDevkitId(v + 1).wnid : undefined);
  const file = Object.hasOwn(BUILTIN_CLASS_MAPS, spec)
    ? packageDataPath(BUILTIN_CLASS_MAPS[spec as keyof typeof BUILTIN_CLASS_MAPS])
    : path.resolve(spec);
  const entries = parseIdxClassMap(await readInputText(file, 'class map'), file);
  for (const e of entries) {
    if (!classSet.hasWnid(e.wnid)) throw new UserError(`${at(file, e.line)}: wnid ${e.wnid} is not in class set ${classSet.name}`);
  }
  const map = new Map(entries.map((e) => [e.value, e.wnid]));
  return (v) => map.get(v);
}
