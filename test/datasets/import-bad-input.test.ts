import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDataset, type ImportRequest } from '../../src/datasets/import-dataset.js';
import { UserError } from '../../src/errors.js';
import { makeIdx, makeImage, truncatedJpeg, writeTree } from '../helpers/images.js';
import { writeClassFolders, writeIlsvrcVal } from '../helpers/dataset-trees.js';
import { tempWorkspace, workspaceCounts, type TempWorkspace } from '../helpers/temp-workspace.js';

const TENCH = 'n01440764';
const GOLDFISH = 'n01443537';

interface BadCase {
  readonly name: string;
  /** Writes the input under `dir` and returns the request to try. */
  readonly setup: (dir: string) => Promise<ImportRequest>;
  /** The message, with `$DIR` standing for the case's folder. */
  readonly error: string;
}

const imagefolder = (dir: string, extra: Partial<ImportRequest> = {}): ImportRequest => ({ layout: 'imagefolder', dataset: 'new', path: dir, ...extra } as ImportRequest);

async function idxFiles(dir: string, labels: number[], mutate: { images?: (b: Uint8Array) => Uint8Array; labels?: (b: Uint8Array) => Uint8Array } = {}) {
  await mkdir(dir, { recursive: true });
  const idx = makeIdx(labels, 4, 4);
  await writeFile(path.join(dir, 'images'), mutate.images ? mutate.images(idx.images) : idx.images);
  await writeFile(path.join(dir, 'labels'), mutate.labels ? mutate.labels(idx.labels) : idx.labels);
  return { layout: 'idx', dataset: 'new', images: path.join(dir, 'images'), labels: path.join(dir, 'labels') } as ImportRequest;
}

const CASES: BadCase[] = [
  // ilsvrc-val
  {
    name: 'missing ground-truth file',
    setup: async (dir) => ({ layout: 'ilsvrc-val', dataset: 'new', path: (await writeIlsvrcVal(dir, [1, 2], { groundTruth: 'none' })).dir }),
    error: 'ground-truth file not found: looked for $DIR/val/ILSVRC2012_validation_ground_truth.txt and $DIR/ILSVRC2012_validation_ground_truth.txt (give --ground-truth FILE)',
  },
  {
    name: 'named ground-truth file does not exist',
    setup: async (dir) => ({ layout: 'ilsvrc-val', dataset: 'new', path: (await writeIlsvrcVal(dir, [1])).dir, groundTruth: path.join(dir, 'nope.txt') }),
    error: '$DIR/nope.txt: ground-truth file not found',
  },
  {
    name: 'ground-truth line count differs from image count',
    setup: async (dir) => {
      const v = await writeIlsvrcVal(dir, [1, 2, 3]);
      await writeFile(v.groundTruth, '1\r\n2\r\n');
      return { layout: 'ilsvrc-val', dataset: 'new', path: v.dir };
    },
    error: '$DIR/val/ILSVRC2012_validation_ground_truth.txt: has 2 label line(s) but $DIR/val has 3 image(s); line i must label the i-th image in sorted order',
  },
  {
    name: 'non-numeric devkit ID',
    setup: async (dir) => {
      const v = await writeIlsvrcVal(dir, [1, 2, 3]);
      await writeFile(v.groundTruth, `\uFEFF1\r\n${TENCH}\r\n3\r\n`);
      return { layout: 'ilsvrc-val', dataset: 'new', path: v.dir };
    },
    error: `$DIR/val/ILSVRC2012_validation_ground_truth.txt:2: "${TENCH}" is not a devkit class ID (one positive integer per line)`,
  },
  {
    name: 'devkit ID out of range',
    setup: async (dir) => ({ layout: 'ilsvrc-val', dataset: 'new', path: (await writeIlsvrcVal(dir, [1, 1001])).dir }),
    error: '$DIR/val/ILSVRC2012_validation_ground_truth.txt:2: devkit ID 1001 is out of range for class set ilsvrc2012 (1..1000)',
  },
  {
    name: 'a numbered validation image is missing',
    setup: async (dir) => {
      await writeTree(dir, {
        'val/ILSVRC2012_val_00000001.JPEG': await makeImage(1, { format: 'jpeg' }),
        'val/ILSVRC2012_val_00000003.JPEG': await makeImage(3, { format: 'jpeg' }),
        'val/ILSVRC2012_validation_ground_truth.txt': '1\n2\n',
      });
      return { layout: 'ilsvrc-val', dataset: 'new', path: path.join(dir, 'val') };
    },
    error: '$DIR/val/ILSVRC2012_val_00000003.JPEG: is image number 3 but file #2 in sorted order, so line 2 of ILSVRC2012_validation_ground_truth.txt would not be its label (missing or extra images?)',
  },
  // imagefolder
  {
    name: 'wnid not in the class set',
    setup: async (dir) => {
      await writeClassFolders(dir, { [TENCH]: [{ seed: 1 }], n00000001: [{ seed: 2 }] });
      return imagefolder(dir, { classes: 'ilsvrc2012' });
    },
    error: '$DIR/n00000001: wnid n00000001 is not in class set ilsvrc2012',
  },
  {
    name: 'wnid that is not a WordNet 3.0 noun synset',
    setup: async (dir) => {
      await writeClassFolders(dir, { [TENCH]: [{ seed: 1 }], n00000001: [{ seed: 2 }] });
      return imagefolder(dir);
    },
    error: "the imported labels: 1 wnid(s) not in WordNet 3.0: n00000001 (WordNet 3.1 offsets differ from ImageNet's)",
  },
  {
    name: 'class folder is not a wnid',
    setup: async (dir) => {
      await writeClassFolders(dir, { [TENCH]: [{ seed: 1 }], cats: [{ seed: 2 }] });
      return imagefolder(dir);
    },
    error: '$DIR/cats: class folder "cats" is not a WordNet id (n + 8 digits)',
  },
  {
    name: 'numbered class folder given to imagefolder',
    setup: async (dir) => {
      await writeClassFolders(dir, { 7: [{ seed: 1 }] });
      return imagefolder(dir);
    },
    error: '$DIR/7: class folder "7" is not a WordNet id (n + 8 digits) (numbered class folders: use the imagenetv2 layout)',
  },
  {
    name: 'image outside any class folder',
    setup: async (dir) => {
      await writeClassFolders(dir, { [TENCH]: [{ seed: 1 }] });
      await writeFile(path.join(dir, 'loose.jpg'), await makeImage(9, { format: 'jpeg' }));
      return imagefolder(dir);
    },
    error: '$DIR/loose.jpg: image is not inside a class folder',
  },
  {
    name: 'empty folder',
    setup: async (dir) => {
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, '.DS_Store'), 'x');
      return imagefolder(dir);
    },
    error: '$DIR: no class folders found (empty folder?)',
  },
  {
    name: 'empty class folder',
    setup: async (dir) => {
      await writeClassFolders(dir, { [TENCH]: [{ seed: 1 }] });
      await writeTree(dir, { [`${GOLDFISH}/readme.txt`]: 'no images here' });
      return imagefolder(dir);
    },
    error: `$DIR/${GOLDFISH}: class folder holds no images`,
  },
  {
    name: 'folder does not exist',
    setup: async (dir) => imagefolder(path.join(dir, 'missing')),
    error: '$DIR/missing: folder not found',
  },
  {
    name: 'corrupt image bytes',
    setup: async (dir) => {
      await writeClassFolders(dir, { [TENCH]: [{ seed: 1 }, { seed: 2 }] });
      await writeFile(path.join(dir, TENCH, 'bad.jpg'), 'this is not a JPEG');
      return imagefolder(dir);
    },
    error: `$DIR/${TENCH}/bad.jpg: corrupt, truncated or unsupported image (Input buffer contains unsupported image format)`,
  },
  {
    name: 'truncated JPEG',
    setup: async (dir) => {
      await writeClassFolders(dir, { [TENCH]: [{ seed: 1 }] });
      await writeFile(path.join(dir, TENCH, 'cut.jpg'), await truncatedJpeg(5));
      return imagefolder(dir);
    },
    error: `$DIR/${TENCH}/cut.jpg: corrupt, truncated or unsupported image (`,
  },
  {
    name: 'truncated PNG',
    setup: async (dir) => {
      await writeClassFolders(dir, { [TENCH]: [{ seed: 1 }] });
      const png = await makeImage(6, { width: 64, height: 64 });
      await writeFile(path.join(dir, TENCH, 'cut.png'), png.subarray(0, png.length - 30));
      return imagefolder(dir);
    },
    error: `$DIR/${TENCH}/cut.png: corrupt, truncated or unsupported image (`,
  },
  {
    name: 'empty image file',
    setup: async (dir) => {
      await writeClassFolders(dir, { [TENCH]: [{ seed: 1 }] });
      await writeFile(path.join(dir, TENCH, 'zero.png'), '');
      return imagefolder(dir);
    },
    error: `$DIR/${TENCH}/zero.png: empty file`,
  },
  {
    name: 'same image under two classes',
    setup: async (dir) => {
      await writeClassFolders(dir, { [TENCH]: [{ seed: 1 }, { seed: 3, name: 'same.png' }], [GOLDFISH]: [{ seed: 3, name: 'copy.png' }] });
      return imagefolder(dir);
    },
    error: `is labelled ${TENCH} in $DIR/${TENCH}/same.png and ${GOLDFISH} in $DIR/${GOLDFISH}/copy.png`,
  },
  // imagenetv2
  {
    name: 'class folder neither a wnid nor a number',
    setup: async (dir) => {
      await writeClassFolders(dir, { 0: [{ seed: 1 }], cats: [{ seed: 2 }] });
      return { layout: 'imagenetv2', dataset: 'new', path: dir };
    },
    error: '$DIR/cats: class folder "cats" is not a class index (a non-negative integer)',
  },
  {
    name: 'class index out of range',
    setup: async (dir) => {
      await writeClassFolders(dir, { 0: [{ seed: 1 }], 1000: [{ seed: 2 }] });
      return { layout: 'imagenetv2', dataset: 'new', path: dir };
    },
    error: '$DIR/1000: class index 1000 is out of range for class set ilsvrc2012 (0..999)',
  },
  // labels-csv
  {
    name: 'CSV row names a missing image',
    setup: async (dir) => {
      await writeTree(dir, { 'a.png': await makeImage(1), 'labels.csv': `image,label\r\na.png,${TENCH}\r\nb.png,${TENCH}\r\n` });
      return { layout: 'labels-csv', dataset: 'new', path: dir, labelSpace: 'wnid' };
    },
    error: `$DIR/labels.csv:3: image b.png not found in $DIR`,
  },
  {
    name: 'image without a CSV row',
    setup: async (dir) => {
      await writeTree(dir, { 'a.png': await makeImage(1), 'b.png': await makeImage(2), 'labels.csv': `image,label\na.png,${TENCH}\n` });
      return { layout: 'labels-csv', dataset: 'new', path: dir, labelSpace: 'wnid' };
    },
    error: `$DIR/b.png: image has no row in $DIR/labels.csv`,
  },
  {
    name: 'label not in the declared space',
    setup: async (dir) => {
      await writeTree(dir, { 'a.png': await makeImage(1), 'labels.csv': `image,label\na.png,${TENCH}\n` });
      return { layout: 'labels-csv', dataset: 'new', path: dir, labelSpace: 'index' };
    },
    error: `$DIR/labels.csv:2: "${TENCH}" is not a class index`,
  },
  {
    name: 'index out of range in a CSV',
    setup: async (dir) => {
      await writeTree(dir, { 'a.png': await makeImage(1), 'labels.csv': 'image,label\na.png,1000\n' });
      return { layout: 'labels-csv', dataset: 'new', path: dir, labelSpace: 'index' };
    },
    error: '$DIR/labels.csv:2: index 1000 is out of range for class set ilsvrc2012 (0..999)',
  },
  {
    name: 'unknown wnid in a CSV with --classes',
    setup: async (dir) => {
      await writeTree(dir, { 'a.png': await makeImage(1), 'labels.csv': 'image,label\na.png,n00000001\n' });
      return { layout: 'labels-csv', dataset: 'new', path: dir, labelSpace: 'wnid', classes: 'ilsvrc2012' };
    },
    error: '$DIR/labels.csv:2: wnid n00000001 is not in class set ilsvrc2012',
  },
  {
    name: 'CSV without rows (empty split)',
    setup: async (dir) => {
      await writeTree(dir, { 'a.png': await makeImage(1), 'labels.csv': '\uFEFFimage,label\r\n' });
      return { layout: 'labels-csv', dataset: 'new', path: dir, labelSpace: 'wnid' };
    },
    error: '$DIR/labels.csv: no label rows (empty split)',
  },
  // idx
  {
    name: 'wrong IDX magic',
    setup: async (dir) => idxFiles(dir, [0, 1], { images: (b) => Uint8Array.from([1, ...b.subarray(1)]) }),
    error: '$DIR/images: not an IDX file (magic number 01 00 08 03; expected 00 00 08 03)',
  },
  {
    name: 'IDX files swapped (wrong dimensions)',
    setup: async (dir) => {
      const r = await idxFiles(dir, [0, 1]);
      return { ...r, images: (r as { labels: string }).labels, labels: (r as { images: string }).images } as ImportRequest;
    },
    error: '$DIR/labels: IDX file has 1 dimension(s); images (count × rows × columns) need 3',
  },
  {
    name: 'IDX label count differs from image count',
    setup: async (dir) => {
      const r = await idxFiles(dir, [0, 1, 2]);
      await writeFile((r as { labels: string }).labels, makeIdx([0, 1]).labels);
      return r;
    },
    error: '$DIR/labels: has 2 labels but $DIR/images has 3 images',
  },
  {
    name: 'truncated IDX data',
    setup: async (dir) => idxFiles(dir, [0, 1], { images: (b) => b.subarray(0, b.length - 5) }),
    error: '$DIR/images: IDX data is truncated: dimensions 2×4×4 need 32 bytes, found 27',
  },
  {
    name: 'corrupt gzip',
    setup: async (dir) => idxFiles(dir, [0, 1], { images: (b) => gzipSync(b).subarray(0, 20) }),
    error: '$DIR/images: IDX images file is a corrupt or truncated gzip file (',
  },
  {
    name: 'IDX label value without a class',
    setup: async (dir) => idxFiles(dir, [0, 10]),
    error: '$DIR/labels#1: label value 10 has no class (class set fashion-mnist has devkit IDs 1..10, so values 0..9)',
  },
  // existing dataset
  {
    name: 'split already exists',
    setup: async (dir) => {
      await writeClassFolders(dir, { [TENCH]: [{ seed: 1 }] });
      return imagefolder(dir, { dataset: 'base' });
    },
    error: 'dataset base already has a split "test" (choose another --split)',
  },
  {
    name: 'class set differs from the dataset\'s',
    setup: async (dir) => {
      await writeClassFolders(dir, { [TENCH]: [{ seed: 1 }] });
      return imagefolder(dir, { dataset: 'base', split: 'more', classes: 'fashion-mnist' });
    },
    error: 'class set fashion-mnist (10 classes) does not match the classes of dataset base (ilsvrc2012, 1000 classes); devkit ID 1 is n03595614 there but n02119789 in the dataset',
  },
  {
    name: 'bad dataset name',
    setup: async (dir) => imagefolder(dir, { dataset: '../x' }),
    error: 'dataset name "../x" must start with a letter or digit',
  },
];

describe('bad input leaves the store and the blob store exactly as they were', () => {
  let t: TempWorkspace;
  beforeAll(async () => {
    t = await tempWorkspace();
    const base = path.join(t.scratch, 'base');
    await writeClassFolders(base, { [TENCH]: [{ seed: 1 }, { seed: 2 }] });
    await importDataset(t.ws, { layout: 'imagefolder', dataset: 'base', path: base, classes: 'ilsvrc2012' });
  });
  afterAll(() => t.cleanup());

  it.each(CASES)('$name', async ({ name, setup, error }) => {
    const dir = path.join(t.scratch, name.replace(/\W+/g, '-'));
    const request = await setup(dir);
    const before = await workspaceCounts(t.ws);
    expect(before.tables.items).toBe(2);
    const err = await importDataset(t.ws, request).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toContain(error.replaceAll('$DIR', dir));
    expect((err as UserError).message).not.toContain('\n');
    expect(await workspaceCounts(t.ws)).toEqual(before);
  });
});
