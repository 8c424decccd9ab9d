import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importDataset } from '../../src/datasets/import-dataset.js';
import { loadBuiltinClassSet } from '../../src/catalog/builtin-class-sets.js';
import { makeImage, writeTree } from '../helpers/images.js';
import { writeClassFolders, writeIlsvrcVal } from '../helpers/dataset-trees.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';

const ilsvrc = loadBuiltinClassSet('ilsvrc2012');
const TENCH = 'n01440764';
const GOLDFISH = 'n01443537';

describe('import of folder layouts', () => {
  let t: TempWorkspace;
  beforeEach(async () => {
    t = await tempWorkspace();
  });
  afterEach(() => t.cleanup());

  const items = async (splitId: number) => (await t.ws.store.listItems(splitId)).map((i) => ({ position: i.position, name: i.name, wnid: i.wnid, source: i.source_path }));

  it('imagefolder: wnid folders, nested files, any image extension and case, hidden and non-image files skipped', async () => {
    const root = path.join(t.scratch, 'train');
    await writeTree(root, {
      [`${TENCH}/b.JPEG`]: await makeImage(1, { format: 'jpeg' }),
      [`${TENCH}/a/c.png`]: await makeImage(2),
      [`${GOLDFISH}/d.webp`]: await makeImage(3, { format: 'webp' }),
      [`${GOLDFISH}/e.TIFF`]: await makeImage(4, { format: 'tiff' }),
      [`${GOLDFISH}/f.gif`]: await makeImage(5, { format: 'gif' }),
      [`${GOLDFISH}/.DS_Store`]: 'junk',
      [`${GOLDFISH}/._d.webp`]: 'macOS resource fork',
      [`${GOLDFISH}/notes.txt`]: 'not an image',
      'README.md': 'about',
    });
    const s = await importDataset(t.ws, { layout: 'imagefolder', dataset: 'fish', path: root, description: 'two fish' });
    expect(s).toMatchObject({ items: 5, newImages: 5, newBlobs: 5, createdDataset: true });
    expect(s.skipped).toEqual(['README.md', `${GOLDFISH}/notes.txt`]);
    expect(s.dataset).toMatchObject({ name: 'fish', description: 'two fish', class_set: 'found' });
    expect(s.split).toMatchObject({ name: 'test', labels_hidden: 0, source_layout: 'imagefolder', source_path: root });
    expect(await items(s.split.id)).toEqual([
      { position: 0, name: `${TENCH}/a/c.png`, wnid: TENCH, source: path.join(root, TENCH, 'a', 'c.png') },
      { position: 1, name: `${TENCH}/b.JPEG`, wnid: TENCH, source: path.join(root, TENCH, 'b.JPEG') },
      { position: 2, name: `${GOLDFISH}/d.webp`, wnid: GOLDFISH, source: path.join(root, GOLDFISH, 'd.webp') },
      { position: 3, name: `${GOLDFISH}/e.TIFF`, wnid: GOLDFISH, source: path.join(root, GOLDFISH, 'e.TIFF') },
      { position: 4, name: `${GOLDFISH}/f.gif`, wnid: GOLDFISH, source: path.join(root, GOLDFISH, 'f.gif') },
    ]);
    const formats = await Promise.all((await t.ws.store.listItems(s.split.id)).map(async (i) => (await t.ws.store.findImage(i.image_sha256))?.format));
    expect(formats).toEqual(['png', 'jpeg', 'webp', 'tiff', 'gif']);
    expect(await t.ws.store.findImage((await t.ws.store.listItems(s.split.id))[0]!.image_sha256)).toMatchObject({ width: 8, height: 6 });
    // Classes default to the wnids found, sorted, so devkit IDs follow sorted order.
    expect((await t.ws.store.datasetClasses(s.dataset.id)).map((c) => [c.wnid, c.devkitId, c.index])).toEqual([[TENCH, 1, 0], [GOLDFISH, 2, 1]]);
  });

  it('imagefolder with --classes keeps the whole class set and adds splits that must match it', async () => {
    const root = path.join(t.scratch, 'a');
    await writeClassFolders(root, { [GOLDFISH]: [{ seed: 1 }] });
    const s = await importDataset(t.ws, { layout: 'imagefolder', dataset: 'inet', path: root, classes: 'ilsvrc2012', hidden: true });
    expect(s.dataset.class_set).toBe('ilsvrc2012');
    expect(s.split.labels_hidden).toBe(1);
    expect(await t.ws.store.datasetClasses(s.dataset.id)).toHaveLength(1000);
    // A second split without --classes uses the dataset's classes; folders outside them are rejected.
    const b = path.join(t.scratch, 'b');
    await writeClassFolders(b, { [TENCH]: [{ seed: 2 }] });
    const s2 = await importDataset(t.ws, { layout: 'imagefolder', dataset: 'inet', split: 'pool', path: b });
    expect(s2).toMatchObject({ createdDataset: false, items: 1 });
    expect(s2.dataset.id).toBe(s.dataset.id);
  });

  it('imagenetv2: class folders are sorted-wnid indices read as numbers, never ranked as strings', async () => {
    const root = path.join(t.scratch, 'imagenetv2-matched-frequency-format-val');
    await writeClassFolders(root, { 0: [{ seed: 1, format: 'jpeg' }], 1: [{ seed: 2, format: 'jpeg' }], 2: [{ seed: 3, format: 'jpeg' }], 10: [{ seed: 4, format: 'jpeg' }, { seed: 5, format: 'jpeg' }], 100: [{ seed: 6, format: 'jpeg' }], 999: [{ seed: 7, format: 'jpeg' }] });
    const s = await importDataset(t.ws, { layout: 'imagenetv2', dataset: 'v2', path: root });
    expect(s.dataset.class_set).toBe('ilsvrc2012');
    const got = await items(s.split.id);
    expect(got.map((i) => [i.name, i.wnid])).toEqual([
      ['0/img1.jpg', ilsvrc.byIndex(0).wnid],
      ['1/img2.jpg', ilsvrc.byIndex(1).wnid],
      ['2/img3.jpg', ilsvrc.byIndex(2).wnid],
      ['10/img4.jpg', ilsvrc.byIndex(10).wnid],
      ['10/img5.jpg', ilsvrc.byIndex(10).wnid],
      ['100/img6.jpg', ilsvrc.byIndex(100).wnid],
      ['999/img7.jpg', ilsvrc.byIndex(999).wnid],
    ]);
    // torchvision's ImageFolder would rank the string-sorted folders 0,1,10,100,2,999 as classes 0..5: folder "10"
    // would become class 2 and folder "2" class 4.
    const torchvisionLabelOf10 = ['0', '1', '10', '100', '2', '999'].indexOf('10');
    expect(torchvisionLabelOf10).toBe(2);
    expect(got.find((i) => i.name === '10/img4.jpg')!.wnid).not.toBe(ilsvrc.byIndex(torchvisionLabelOf10).wnid);
    expect(got.find((i) => i.name === '10/img4.jpg')!.wnid).toBe('n01530575'); // brambling, sorted index 10
  });

  it('ilsvrc-val: line i of the ground truth labels the i-th file; the file is found inside or next to the folder', async () => {
    const inside = await writeIlsvrcVal(path.join(t.scratch, 'x'), [1, 1000, 65]);
    const s = await importDataset(t.ws, { layout: 'ilsvrc-val', dataset: 'val', path: inside.dir });
    expect((await items(s.split.id)).map((i) => [i.name, i.wnid])).toEqual([
      ['ILSVRC2012_val_00000001.JPEG', ilsvrc.byDevkitId(1).wnid],
      ['ILSVRC2012_val_00000002.JPEG', ilsvrc.byDevkitId(1000).wnid],
      ['ILSVRC2012_val_00000003.JPEG', ilsvrc.byDevkitId(65).wnid],
    ]);
    expect(s.skipped).toEqual(['ILSVRC2012_validation_ground_truth.txt']);
    expect(ilsvrc.byDevkitId(1).wnid).toBe('n02119789'); // kit fox, not tench: devkit IDs are not sorted indices
    const nextTo = await writeIlsvrcVal(path.join(t.scratch, 'y'), [3, 2], { groundTruth: 'next-to' });
    const s2 = await importDataset(t.ws, { layout: 'ilsvrc-val', dataset: 'val', split: 'b', path: nextTo.dir });
    expect((await items(s2.split.id)).map((i) => i.wnid)).toEqual([ilsvrc.byDevkitId(3).wnid, ilsvrc.byDevkitId(2).wnid]);
    const explicit = path.join(t.scratch, 'gt.txt');
    await writeFile(explicit, '\uFEFF7\r\n8\r\n');
    const s3 = await importDataset(t.ws, { layout: 'ilsvrc-val', dataset: 'val', split: 'c', path: nextTo.dir, groundTruth: explicit });
    expect((await items(s3.split.id)).map((i) => i.wnid)).toEqual([ilsvrc.byDevkitId(7).wnid, ilsvrc.byDevkitId(8).wnid]);
  });

  it('labels-csv: labels in each declared space; CSV found inside or next to the folder', async () => {
    const root = path.join(t.scratch, 'flat');
    await writeTree(root, { 'a.png': await makeImage(1), 'b.jpg': await makeImage(2, { format: 'jpeg' }), 'sub/c.png': await makeImage(3) });
    await writeFile(path.join(t.scratch, 'labels.csv'), `\uFEFFimage,label\r\nb.jpg,${TENCH}\r\na.png,${GOLDFISH}\r\nsub/c.png,${TENCH}\r\n`);
    const w = await importDataset(t.ws, { layout: 'labels-csv', dataset: 'w', path: root, labelSpace: 'wnid' });
    expect((await items(w.split.id)).map((i) => [i.name, i.wnid])).toEqual([['a.png', GOLDFISH], ['b.jpg', TENCH], ['sub/c.png', TENCH]]);
    expect(w.dataset.class_set).toBe('found');
    await writeFile(path.join(root, 'labels.csv'), 'image,label\na.png,0\nb.jpg,1\nsub/c.png,999\n');
    const ix = await importDataset(t.ws, { layout: 'labels-csv', dataset: 'ix', path: root, labelSpace: 'index' });
    expect((await items(ix.split.id)).map((i) => i.wnid)).toEqual([ilsvrc.byIndex(0).wnid, ilsvrc.byIndex(1).wnid, ilsvrc.byIndex(999).wnid]);
    expect(ix.skipped).toEqual([]); // the CSV itself is not reported as skipped
    const dk = path.join(t.scratch, 'dk.csv');
    await writeFile(dk, 'image,label\na.png,1\nb.jpg,2\nsub/c.png,1000\n');
    const d = await importDataset(t.ws, { layout: 'labels-csv', dataset: 'dk', path: root, labels: dk, labelSpace: 'devkit' });
    expect((await items(d.split.id)).map((i) => i.wnid)).toEqual([ilsvrc.byDevkitId(1).wnid, ilsvrc.byDevkitId(2).wnid, ilsvrc.byDevkitId(1000).wnid]);
  });

  it('stores an image once however often it occurs, and counts only new images and blobs', async () => {
    const root = path.join(t.scratch, 'dup');
    await mkdir(root, { recursive: true });
    await writeClassFolders(root, { [TENCH]: [{ seed: 1, name: 'a.png' }, { seed: 1, name: 'b.png' }, { seed: 2 }] });
    const s = await importDataset(t.ws, { layout: 'imagefolder', dataset: 'd', path: root });
    expect(s).toMatchObject({ items: 3, newImages: 2, newBlobs: 2 });
    const again = await importDataset(t.ws, { layout: 'imagefolder', dataset: 'd', split: 'again', path: root });
    expect(again).toMatchObject({ items: 3, newImages: 0, newBlobs: 0 });
    expect(await t.ws.blobs.count()).toBe(2);
  });
});
