import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../src/store/workspace.js';
import { makeIdx, makeImage, writeTree } from '../helpers/images.js';
import { writeClassFolders, writeIlsvrcVal } from '../helpers/dataset-trees.js';
import { runHeldout } from '../helpers/run-heldout.js';
import { tempDir } from '../helpers/temp-workspace.js';

const TENCH = 'n01440764';
const GOLDFISH = 'n01443537';

describe('heldout dataset (in-process CLI)', () => {
  let dir: string;
  let data: string;
  let cleanup: () => Promise<void>;
  const heldout = (...args: string[]) => runHeldout(data, 'dataset', ...args);
  const counts = async () => {
    const ws = await openWorkspace(data);
    try {
      return { tables: await ws.store.tableCounts(), blobs: await ws.blobs.count() };
    } finally {
      await ws.close();
    }
  };

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    data = path.join(dir, 'data');
    await writeClassFolders(path.join(dir, 'fish'), { [TENCH]: [{ seed: 1 }, { seed: 2 }], [GOLDFISH]: [{ seed: 3, format: 'jpeg' }] });
  });
  afterEach(() => cleanup());

  it('imports, lists, shows, hides and exports', async () => {
    const imp = await heldout('import', 'imagefolder', path.join(dir, 'fish'), '--name', 'fish', '--classes', 'ilsvrc2012', '--description', 'two fish');
    expect(imp).toMatchObject({ code: 0, out: 'imported 3 images into fish/test: 3 new images, 3 new blobs; created dataset with class set ilsvrc2012\n' });
    expect(imp.err).toContain('validate: 3/3');

    const list = await heldout('list', '--json');
    expect(list.code).toBe(0);
    expect(JSON.parse(list.out)).toEqual([expect.objectContaining({
      name: 'fish', description: 'two fish', classSet: 'ilsvrc2012', classes: 1000,
      splits: [{ name: 'test', items: 3, labelsHidden: false, sourceLayout: 'imagefolder' }],
    })]);
    expect((await heldout('list')).out).toBe('fish  1000 classes (ilsvrc2012)  test: 3\n');

    expect((await heldout('hide', 'fish', '--split', 'test')).out).toBe('labels of fish/test are now hidden\n');
    const show = JSON.parse((await heldout('show', 'fish', '--json')).out);
    expect(show.splits[0]).toMatchObject({ name: 'test', labelsHidden: true, items: 3, sourceLayout: 'imagefolder' });
    expect(show.splits[0].classCounts[TENCH]).toBe(2);
    expect(show.splits[0].classCounts[GOLDFISH]).toBe(1);
    expect(show.classes).toHaveLength(1000);
    const text = await heldout('show', 'fish');
    expect(text.out).toContain('  split test: 3 items, labels hidden (imagefolder from');
    expect(text.out).toMatch(/\n {2}449 +0 +n01440764 +tench +2\n/);

    const out = path.join(dir, 'out');
    const exp = await heldout('export', 'fish', '--split', 'test', '--format', 'labels-csv', '--out', out, '--label-space', 'index');
    expect(exp.code).toBe(0);
    expect(exp.err).toContain('heldout: warning: split test of fish has hidden labels; this export contains them, so keep it with the host\n');
    expect((await readdir(out)).sort()).toEqual(['images', 'labels.csv']);

    await heldout('hide', 'fish', '--split', 'test', '--unhide');
    const exp2 = await heldout('export', 'fish', '--split', 'test', '--format', 'imagenetv2', '--out', path.join(dir, 'v2'));
    expect(exp2.err).not.toContain('hidden');

    const back = await heldout('import', 'labels-csv', path.join(out, 'images'), '--name', 'fish', '--split', 'back', '--label-space', 'index', '--json');
    expect(back.code).toBe(0);
    expect(JSON.parse(back.out)).toEqual({ dataset: 'fish', split: 'back', createdDataset: false, items: 3, newImages: 0, newBlobs: 0, labelsHidden: false, skipped: 0 });
  });

  it('imports IDX files relative to the given folder and ILSVRC validation folders', async () => {
    const idx = makeIdx([0, 1, 9]);
    await mkdir(path.join(dir, 'fm'), { recursive: true });
    await writeFile(path.join(dir, 'fm', 'img'), idx.images);
    await writeFile(path.join(dir, 'fm', 'lab'), idx.labels);
    const r = await heldout('import', 'idx', path.join(dir, 'fm'), '--images', 'img', '--labels', 'lab', '--name', 'fm', '--hidden');
    expect(r).toMatchObject({ code: 0, out: 'imported 3 images into fm/test (labels hidden): 3 new images, 3 new blobs; created dataset with class set fashion-mnist\n' });
    const v = await writeIlsvrcVal(path.join(dir, 'ilsvrc'), [5, 6]);
    const r2 = await heldout('import', 'ilsvrc-val', v.dir, '--name', 'val', '--split', 'val');
    expect(r2.code).toBe(0);
    expect(r2.out).toContain('imported 2 images into val/val');
  });

  it('reports bad input as one line with exit code 2 and leaves the workspace unchanged', async () => {
    await heldout('import', 'imagefolder', path.join(dir, 'fish'), '--name', 'fish');
    const before = await counts();
    const v = await writeIlsvrcVal(path.join(dir, 'ilsvrc'), [1, 2], { groundTruth: 'none' });
    const cases: Array<[string[], string]> = [
      [['import', 'ilsvrc-val', v.dir, '--name', 'val'], `heldout: ground-truth file not found: looked for ${v.dir}/ILSVRC2012_validation_ground_truth.txt and ${path.dirname(v.dir)}/ILSVRC2012_validation_ground_truth.txt (give --ground-truth FILE)\n`],
      [['import', 'labels-csv', path.join(dir, 'fish'), '--name', 'x'], 'heldout: dataset import labels-csv: --label-space wnid|index|devkit is required (how the label column is written)\n'],
      [['import', 'imagefolder', path.join(dir, 'fish'), '--name', 'x', '--ground-truth', 'gt.txt'], 'heldout: dataset import: --ground-truth does not apply to the imagefolder layout\n'],
      [['import', 'idx', '--name', 'x', '--images', 'a'], 'heldout: dataset import idx: --images FILE and --labels FILE are required\n'],
      [['import', 'imagefolder', '--name', 'x'], 'heldout: dataset import imagefolder: give the folder to import\n'],
      [['import', 'imagefolder', path.join(dir, 'fish'), '--name', 'fish'], 'heldout: dataset fish already has a split "test" (choose another --split)\n'],
      [['show', 'nope'], 'heldout: no dataset named "nope" (datasets: fish)\n'],
      [['hide', 'fish', '--split', 'val'], 'heldout: dataset fish has no split "val" (splits: test)\n'],
    ];
    for (const [args, err] of cases) {
      const r = await heldout(...args);
      expect({ args, code: r.code, err: r.err }).toEqual({ args, code: 2, err });
    }
    expect(await counts()).toEqual(before);
  });

  it('rejects unknown layouts, formats and label spaces through commander with exit code 2', async () => {
    const a = await heldout('import', 'coco', path.join(dir, 'fish'), '--name', 'x');
    expect(a.code).toBe(2);
    expect(a.err).toContain("'coco' is invalid for argument 'layout'. Allowed choices are imagefolder, imagenetv2, ilsvrc-val, labels-csv, idx.");
    const b = await heldout('export', 'fish', '--split', 'test', '--format', 'tfrecord', '--out', path.join(dir, 'o'));
    expect(b.code).toBe(2);
    expect(b.err).toContain("option '--format <format>' argument 'tfrecord' is invalid");
    const c = await heldout('import', 'labels-csv', path.join(dir, 'fish'), '--name', 'x', '--label-space', 'name');
    expect(c.code).toBe(2);
    expect(c.err).toContain("argument 'name' is invalid. Allowed choices are wnid, index, devkit.");
  });

  it('prints non-image files it skipped and lists layouts in help', async () => {
    await writeTree(path.join(dir, 'fish'), { 'notes.txt': 'x', [`${TENCH}/thumbs.db`]: 'y', [`${TENCH}/z.png`]: await makeImage(9) });
    const r = await heldout('import', 'imagefolder', path.join(dir, 'fish'), '--name', 'fish');
    expect(r.code).toBe(0);
    expect(r.err).toContain(`heldout: skipped 2 non-image file(s), e.g. notes.txt, ${TENCH}/thumbs.db\n`);
    const help = await heldout('import', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('imagenetv2   <class index>/<image> folders numbered by sorted-wnid index');
    expect((await heldout('list')).err).toBe('');
  });
});
