import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importDataset } from '../../src/datasets/import-dataset.js';
import { loadBuiltinClassSet } from '../../src/catalog/builtin-class-sets.js';
import type { Progress } from '../../src/progress.js';
import { makeIdx } from '../helpers/images.js';
import { tempWorkspace, type TempWorkspace } from '../helpers/temp-workspace.js';

const NOW = new Date('2026-01-02T03:04:05Z');
const fashion = loadBuiltinClassSet('fashion-mnist');

describe('import idx', () => {
  let t: TempWorkspace;
  beforeEach(async () => {
    t = await tempWorkspace();
    await mkdir(t.scratch, { recursive: true });
  });
  afterEach(() => t.cleanup());

  async function writeIdx(labels: number[], { gzip = false, rows = 28, cols = 28 } = {}) {
    const idx = makeIdx(labels, rows, cols);
    const images = path.join(t.scratch, gzip ? 'images-idx3-ubyte.gz' : 'images-idx3-ubyte');
    const labelsFile = path.join(t.scratch, gzip ? 'labels-idx1-ubyte.gz' : 'labels-idx1-ubyte');
    await writeFile(images, gzip ? gzipSync(idx.images) : idx.images);
    await writeFile(labelsFile, gzip ? gzipSync(idx.labels) : idx.labels);
    return { images, labels: labelsFile, pixels: idx.pixels };
  }

  it('stores each image as an 8-bit grayscale PNG with zero-padded names, file order and label v = devkit ID v+1', async () => {
    const f = await writeIdx([9, 0, 3, 3], { gzip: true, rows: 5, cols: 4 });
    const s = await importDataset(t.ws, { layout: 'idx', dataset: 'fm', images: f.images, labels: f.labels }, { now: NOW });
    expect(s).toMatchObject({ items: 4, newImages: 4, newBlobs: 4, createdDataset: true });
    expect(s.dataset.class_set).toBe('fashion-mnist');
    const items = await t.ws.store.listItems(s.split.id);
    expect(items.map((i) => [i.position, i.name, i.wnid, i.source_path])).toEqual([
      [0, '00000', fashion.byDevkitId(10).wnid, `${f.images}#0`],
      [1, '00001', fashion.byDevkitId(1).wnid, `${f.images}#1`],
      [2, '00002', fashion.byDevkitId(4).wnid, `${f.images}#2`],
      [3, '00003', fashion.byDevkitId(4).wnid, `${f.images}#3`],
    ]);
    const png = await t.ws.blobs.get(items[2]!.image_sha256);
    const meta = await sharp(png).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 4, height: 5, channels: 1, depth: 'uchar' });
    const data = await sharp(png).toColourspace('b-w').raw().toBuffer();
    expect([...data]).toEqual([...f.pixels(2)]);
    expect(await t.ws.store.findImage(items[2]!.image_sha256)).toMatchObject({ width: 4, height: 5, format: 'png', bytes: png.length });
  });

  it('encodes deterministically: re-importing the same files as another split adds no images or blobs', async () => {
    const f = await writeIdx([1, 2, 3]);
    await importDataset(t.ws, { layout: 'idx', dataset: 'fm', split: 'a', images: f.images, labels: f.labels });
    const again = await importDataset(t.ws, { layout: 'idx', dataset: 'fm', split: 'b', images: f.images, labels: f.labels });
    expect(again).toMatchObject({ items: 3, newImages: 0, newBlobs: 0, createdDataset: false });
  });

  it('maps labels through --class-map fashion-mnist or a class-map file', async () => {
    const f = await writeIdx([0, 1]);
    const map = path.join(t.scratch, 'map.txt');
    await writeFile(map, '\uFEFF0 n04489008\r\n1 n03595614\r\n');
    const s = await importDataset(t.ws, { layout: 'idx', dataset: 'fm', images: f.images, labels: f.labels, classMap: map });
    expect((await t.ws.store.listItems(s.split.id)).map((i) => i.wnid)).toEqual(['n04489008', 'n03595614']);
    const b = await importDataset(t.ws, { layout: 'idx', dataset: 'fm', split: 'b', images: f.images, labels: f.labels, classMap: 'fashion-mnist' });
    expect((await t.ws.store.listItems(b.split.id)).map((i) => i.wnid)).toEqual(['n03595614', 'n04489008']);
  });

  it('imports 10,000 28×28 images quickly and reports scan, validate and store progress', async () => {
    const labels = Array.from({ length: 10_000 }, (_, i) => i % 10);
    const f = await writeIdx(labels, { gzip: true });
    const phases = new Map<string, Progress>();
    const t0 = performance.now();
    const s = await importDataset(t.ws, { layout: 'idx', dataset: 'fm', images: f.images, labels: f.labels }, { onProgress: (p) => phases.set(p.phase, p) });
    const ms = performance.now() - t0;
    console.log(`idx import of 10,000 images: ${Math.round(ms)} ms`);
    expect(s.items).toBe(10_000);
    expect([...phases.keys()]).toEqual(['scan', 'validate', 'store']);
    for (const p of phases.values()) expect(p.done).toBe(p.total);
    expect(ms).toBeLessThan(25_000); // 3–10 s on 2 shared cores; a guard against per-image decoding, not a benchmark
  }, 60_000);
});
