import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportDataset } from '../../src/datasets/export-dataset.js';
import { importDataset, type ImportRequest } from '../../src/datasets/import-dataset.js';
import { loadBuiltinClassSet } from '../../src/catalog/builtin-class-sets.js';
import type { LabelSpace } from '../../src/classes/class-set.js';
import { makeIdx } from '../helpers/images.js';
import { writeClassFolders } from '../helpers/dataset-trees.js';
import { tempWorkspace, workspaceCounts, type TempWorkspace } from '../helpers/temp-workspace.js';

const TENCH = 'n01440764';
const GOLDFISH = 'n01443537';

describe('export round-trips through import', () => {
  let t: TempWorkspace;
  let split: number;
  beforeEach(async () => {
    t = await tempWorkspace();
    const src = path.join(t.scratch, 'src');
    await writeClassFolders(src, {
      [TENCH]: [{ seed: 1, name: 'x/a.png' }, { seed: 2, name: 'y/a.png' }, { seed: 3, format: 'jpeg' }, { seed: 1, name: 'again.png' }],
      [GOLDFISH]: [{ seed: 4, format: 'webp' }, { seed: 5, name: 'A.PNG' }, { seed: 6, name: 'a.png' }],
    });
    split = (await importDataset(t.ws, { layout: 'imagefolder', dataset: 'src', path: src, classes: 'ilsvrc2012' })).split.id;
  });
  afterEach(() => t.cleanup());

  const multiset = async (splitId: number) => (await t.ws.store.listItems(splitId)).map((i) => `${i.image_sha256} ${i.wnid}`).sort();

  async function roundTrip(format: 'imagefolder' | 'imagenetv2' | 'labels-csv', reimport: (out: string) => ImportRequest, labelSpace?: LabelSpace) {
    const out = path.join(t.scratch, `out-${format}-${labelSpace ?? ''}`);
    const summary = await exportDataset(t.ws, { dataset: 'src', split: 'test', format, out, ...(labelSpace ? { labelSpace } : {}) });
    const back = await importDataset(t.ws, reimport(out));
    expect(await multiset(back.split.id)).toEqual(await multiset(split));
    expect(back).toMatchObject({ items: 7, newImages: 0, newBlobs: 0 });
    return { out, summary };
  }

  it('imagefolder: <wnid>/<base name>, clashes disambiguated', async () => {
    const { out, summary } = await roundTrip('imagefolder', (o) => ({ layout: 'imagefolder', dataset: 'copy', path: o }));
    expect(summary).toMatchObject({ files: 7, labelsHidden: false, out });
    expect((await readdir(path.join(out, TENCH))).sort()).toEqual(['a-2.png', 'a.png', 'again.png', 'img3.jpg']);
    expect((await readdir(path.join(out, GOLDFISH))).sort()).toEqual(['A.PNG', 'a-2.png', 'img4.webp']);
  });

  it('imagenetv2: <sorted index>/<sha256>.<ext>, read back with the dataset\'s classes', async () => {
    const { out } = await roundTrip('imagenetv2', (o) => ({ layout: 'imagenetv2', dataset: 'src', split: 'rt', path: o }));
    const ilsvrc = loadBuiltinClassSet('ilsvrc2012');
    expect((await readdir(out)).sort()).toEqual([String(ilsvrc.byWnid(TENCH).index), String(ilsvrc.byWnid(GOLDFISH).index)]);
    const files = await readdir(path.join(out, '1'));
    expect(files).toHaveLength(3);
    expect(files.every((f) => /^[0-9a-f]{64}\.(png|webp)$/.test(f))).toBe(true);
  });

  it.each(['wnid', 'index', 'devkit'] as const)('labels-csv with %s labels: images/<file> + labels.csv', async (space) => {
    const { out } = await roundTrip('labels-csv', (o) => ({ layout: 'labels-csv', dataset: 'src', split: `rt-${space}`, path: path.join(o, 'images'), labelSpace: space }), space);
    const csv = await readFile(path.join(out, 'labels.csv'), 'utf8');
    expect(csv.split('\n')[0]).toBe('image,label');
    expect(csv).toContain(`a.png,${space === 'wnid' ? TENCH : space === 'index' ? '0' : '449'}\n`);
    expect((await readdir(path.join(out, 'images'))).length).toBe(7);
  });

  it('IDX imports export with a .png extension and come back identical', async () => {
    const idx = makeIdx([3, 1, 4, 1, 5]);
    await mkdir(path.join(t.scratch, 'idx'), { recursive: true });
    const images = path.join(t.scratch, 'idx', 'i');
    const labels = path.join(t.scratch, 'idx', 'l');
    await writeFile(images, idx.images);
    await writeFile(labels, idx.labels);
    const s = await importDataset(t.ws, { layout: 'idx', dataset: 'fm', images, labels, hidden: true });
    const out = path.join(t.scratch, 'fm-out');
    const summary = await exportDataset(t.ws, { dataset: 'fm', split: 'test', format: 'imagefolder', out });
    expect(summary.labelsHidden).toBe(true);
    const back = await importDataset(t.ws, { layout: 'imagefolder', dataset: 'fm', split: 'back', path: out });
    expect(await multiset(back.split.id)).toEqual(await multiset(s.split.id));
    expect((await t.ws.store.listItems(back.split.id)).map((i) => i.name.split('/')[1])).toContain('00000.png');
  });

  it('refuses a non-empty output folder, a label space for formats without labels, and unknown names', async () => {
    const out = path.join(t.scratch, 'busy');
    await mkdir(out, { recursive: true });
    await writeFile(path.join(out, 'keep.txt'), 'mine');
    const before = await workspaceCounts(t.ws);
    await expect(exportDataset(t.ws, { dataset: 'src', split: 'test', format: 'imagefolder', out })).rejects.toThrow(`${out}: output folder is not empty (1 entries); choose a new --out`);
    await expect(exportDataset(t.ws, { dataset: 'src', split: 'test', format: 'imagenetv2', out: path.join(t.scratch, 'n'), labelSpace: 'index' })).rejects.toThrow('--label-space does not apply to the imagenetv2 format');
    await expect(exportDataset(t.ws, { dataset: 'nope', split: 'test', format: 'imagefolder', out: path.join(t.scratch, 'n') })).rejects.toThrow('no dataset named "nope" (datasets: src)');
    await expect(exportDataset(t.ws, { dataset: 'src', split: 'val', format: 'imagefolder', out: path.join(t.scratch, 'n') })).rejects.toThrow('dataset src has no split "val" (splits: test)');
    expect(await workspaceCounts(t.ws)).toEqual(before);
  });
});
