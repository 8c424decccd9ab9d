import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../src/evaluate/decode-image.js';
import { cropRaw, preprocessImage, presetViews } from '../../src/evaluate/core/preprocess-image.js';
import { viewLength, viewsOf } from '../../src/evaluate/core/preset-spec.js';
import { PRESETS, isPresetName } from '../../src/evaluate/presets/index.js';
import { readNpyGz } from './npy-fixture.js';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'presets');

interface Case {
  image: string;
  preset: string;
  u8Shape: number[];
  u8?: string;
  f32?: string;
  base?: string;
  viewSha256?: string[];
}
const manifest = JSON.parse(await readFile(path.join(DIR, 'manifest.json'), 'utf8')) as { cases: Case[] };

/** Largest absolute difference of two equally long arrays. */
function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** Our 8-bit views in the fixture's (views, H, W, C) layout. */
function ourViews(presetName: string, decoded: Awaited<ReturnType<typeof decodeImage>>): Uint8Array[] {
  const spec = PRESETS[presetName as keyof typeof PRESETS];
  const { image, boxes } = presetViews(spec, decoded);
  return boxes.map((box) => {
    if (!box.mirror) return cropRaw(image, box).data;
    const mirrored = mirror(image.data, image.width, image.height, image.channels);
    return cropRaw({ ...image, data: mirrored }, box).data;
  });
}

function mirror(data: Uint8Array, width: number, height: number, channels: number): Uint8Array {
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) out[(y * width + x) * channels + c] = data[(y * width + (width - 1 - x)) * channels + c]!;
    }
  }
  return out;
}

describe('presets against Pillow + torchvision (tools/reference/make_preset_tensors.py)', () => {
  it('covers every preset', () => {
    expect(new Set(manifest.cases.map((c) => c.preset))).toEqual(new Set(Object.keys(PRESETS)));
  });

  for (const c of manifest.cases) {
    it(`${c.preset} on ${c.image}: 8-bit views and float32 input match within 1/255 per pixel (in fact exactly)`, async () => {
      if (!isPresetName(c.preset)) throw new Error(c.preset);
      const spec = PRESETS[c.preset];
      const decoded = await decodeImage(await readFile(path.join(DIR, c.image)), c.image);
      const views = ourViews(c.preset, decoded);
      expect([views.length, spec.input.height, spec.input.width, spec.input.channels]).toEqual(c.u8Shape);

      if (c.u8) {
        const ref = await readNpyGz(path.join(DIR, c.u8));
        const ours = new Uint8Array(views.reduce((n, v) => n + v.length, 0));
        views.forEach((v, i) => ours.set(v, i * v.length));
        expect(maxDiff(ours, ref.data)).toBe(0);
      }
      if (c.base) {
        // Ten-crop: the 256×256 base image, then each view's bytes against torchvision's TenCrop by hash.
        const ref = await readNpyGz(path.join(DIR, c.base));
        const { image } = presetViews(spec, decoded);
        expect(maxDiff(image.data, ref.data)).toBe(0);
        expect(views.map((v) => createHash('sha256').update(v).digest('hex'))).toEqual(c.viewSha256);
      }

      const tensor = new Float32Array(viewsOf(spec) * viewLength(spec));
      preprocessImage(spec, decoded, tensor, 0);
      if (c.f32) {
        const ref = await readNpyGz(path.join(DIR, c.f32));
        expect(ref.shape).toEqual([viewsOf(spec), spec.input.channels, spec.input.height, spec.input.width]);
        expect(maxDiff(tensor, ref.data)).toBe(0);
      }
      // The float tensor is the 8-bit views normalised: back in pixel units it is within 1/255 of them (rounding only).
      const plane = spec.input.height * spec.input.width;
      let worst = 0;
      views.forEach((v, view) => {
        for (let ch = 0; ch < spec.input.channels; ch++) {
          for (let p = 0; p < plane; p++) {
            const x = tensor[view * viewLength(spec) + ch * plane + p]! * spec.norm.std[ch]! + spec.norm.mean[ch]!;
            worst = Math.max(worst, Math.abs(x - v[p * spec.input.channels + ch]! / 255));
          }
        }
      });
      expect(worst).toBeLessThan(1e-6);
    });
  }
});
