import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoresFromOutputs } from '../../src/evaluate/core/average-softmax.js';
import { centerCropBox, roundHalfEven, tenCropBoxes } from '../../src/evaluate/core/crop-boxes.js';
import { decodePredictionChunk, encodePredictionChunk, indexWidth } from '../../src/evaluate/core/prediction-chunk.js';
import { resizedSize } from '../../src/evaluate/core/preprocess-image.js';
import { precomputeCoefficients, RESAMPLE_FILTERS, resizePil, resizePilWindow } from '../../src/evaluate/core/pil-resize.js';
import { rankOutputs } from '../../src/evaluate/core/rank-outputs.js';
import { toGray } from '../../src/evaluate/core/pil-convert.js';

describe('prediction chunks', () => {
  it('round-trip positions, top-k (int16 and int32 widths) and optional scores', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 6 }), fc.constantFrom(10, 1000, 40000), fc.boolean(), (n, k, classes, withScores) => {
      const positions = Int32Array.from({ length: n }, (_, i) => i * 3 + 1);
      const topk = Int32Array.from({ length: n * k }, (_, i) => (i % 7 === 0 ? -1 : (i * 7919) % classes));
      const scores = withScores && classes <= 1000 ? Float32Array.from({ length: n * classes }, (_, i) => Math.fround(Math.sin(i))) : undefined;
      const back = decodePredictionChunk(encodePredictionChunk({ positions, k, topk, classes, ...(scores ? { scores } : {}) }));
      expect(Buffer.from(back.positions.buffer).equals(Buffer.from(positions.buffer))).toBe(true);
      expect(Buffer.from(back.topk.buffer).equals(Buffer.from(topk.buffer))).toBe(true);
      expect(back.scores === undefined ? undefined : Buffer.from(back.scores.buffer).equals(Buffer.from(scores!.buffer))).toBe(scores === undefined ? undefined : true);
    }), { numRuns: 40 });
  });

  it('is compact: 10,000 images × top-5 in int16 take 140 KB', () => {
    expect(indexWidth(1000)).toBe(2);
    expect(indexWidth(40000)).toBe(4);
    const bytes = encodePredictionChunk({ positions: new Int32Array(10000), k: 5, topk: new Int32Array(50000), classes: 1000 });
    expect(bytes.length).toBe(20 + 40000 + 100000);
  });

  it('refuses what is not a chunk', () => {
    expect(() => decodePredictionChunk(new Uint8Array(30), 'x')).toThrow('x: not a Heldout prediction chunk');
    const ok = encodePredictionChunk({ positions: Int32Array.of(1), k: 1, topk: Int32Array.of(0), classes: 2 });
    expect(() => decodePredictionChunk(ok.subarray(0, ok.length - 2), 'y')).toThrow(/^y: /);
  });
});

describe('ranking outputs', () => {
  it('ranks ties by the lower output and maps outputs to dataset classes', () => {
    const topk = new Int32Array(6);
    const bad = rankOutputs(Float32Array.of(0.1, 0.7, 0.7, 0.2, 5, 1, 1, 1), 2, 4, 3, Int32Array.of(30, 31, 32, 33), topk);
    expect(bad).toBeUndefined();
    expect([...topk]).toEqual([31, 32, 33, 30, 31, 32]);
  });

  it('reports the first non-finite score with its row and column', () => {
    const topk = new Int32Array(4);
    expect(rankOutputs(Float32Array.of(1, 2, 3, NaN), 2, 2, 2, Int32Array.of(0, 1), topk)).toEqual({ row: 1, column: 1, value: NaN });
  });
});

describe('ten-crop scores', () => {
  it('average the softmax of the views', () => {
    const out = scoresFromOutputs(Float32Array.of(0, 0, Math.log(3), 0), 1, 2, 2);
    expect(out[0]).toBeCloseTo((0.5 + 0.75) / 2, 6);
    expect(out[1]).toBeCloseTo((0.5 + 0.25) / 2, 6);
    expect(scoresFromOutputs(Float32Array.of(NaN, 0, 0, 0), 1, 2, 2)[0]).toBeNaN();
  });
});

describe('geometry as torchvision computes it', () => {
  it('rounds centre-crop offsets half to even, like Python', () => {
    expect([roundHalfEven(58.5), roundHalfEven(57.5), roundHalfEven(2.4), roundHalfEven(3)]).toEqual([58, 58, 2, 3]);
    expect(centerCropBox(341, 256, 224, 224)).toMatchObject({ left: 58, top: 16 });
  });

  it('resizes the shorter side and truncates the longer', () => {
    expect(resizedSize({ kind: 'shorter-side', size: 256 }, 500, 375)).toEqual({ width: 341, height: 256 });
    expect(resizedSize({ kind: 'shorter-side', size: 256 }, 75, 101)).toEqual({ width: 256, height: 344 });
    expect(resizedSize({ kind: 'exact', width: 28, height: 28 }, 40, 30)).toEqual({ width: 28, height: 28 });
  });

  it('cuts ten crops in torchvision order: corners, centre, then the same of the mirror image', () => {
    const boxes = tenCropBoxes(256, 256, 224);
    expect(boxes.map((b) => [b.left, b.top, b.mirror])).toEqual([
      [0, 0, false], [32, 0, false], [0, 32, false], [32, 32, false], [16, 16, false],
      [0, 0, true], [32, 0, true], [0, 32, true], [32, 32, true], [16, 16, true],
    ]);
  });
});

/** Pillow's two passes written plainly (no unrolling, no row window), to check the optimised code against. */
function naiveResize(src: Uint8Array, w: number, h: number, ch: number, ow: number, oh: number, filter: 'bilinear' | 'bicubic'): Uint8Array {
  const clip = (v: number) => (v >= 1 << 30 ? 255 : v <= 0 ? 0 : v >> 22);
  const pass = (img: Uint8Array, iw: number, ih: number, horizontal: boolean) => {
    const c = precomputeCoefficients(horizontal ? iw : ih, 0, horizontal ? iw : ih, horizontal ? ow : oh, RESAMPLE_FILTERS[filter]);
    const outW = horizontal ? ow : iw;
    const outH = horizontal ? ih : oh;
    const out = new Uint8Array(outW * outH * ch);
    for (let y = 0; y < outH; y++) {
      for (let x = 0; x < outW; x++) {
        const j = horizontal ? x : y;
        for (let k = 0; k < ch; k++) {
          let ss = 1 << 21;
          for (let t = 0; t < c.bounds[j * 2 + 1]!; t++) {
            const s = c.bounds[j * 2]! + t;
            ss += img[((horizontal ? y : s) * iw + (horizontal ? s : x)) * ch + k]! * c.weights[j * c.taps + t]!;
          }
          out[(y * outW + x) * ch + k] = clip(ss);
        }
      }
    }
    return out;
  };
  const a = ow === w ? src : pass(src, w, h, true);
  return oh === h ? a : pass(a, ow, h, false);
}

describe('Pillow pixel operations', () => {
  it('the optimised resize equals the plain two-pass algorithm for any size, channel count and filter', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 60 }),
      fc.constantFrom(1, 2, 3, 4), fc.constantFrom('bilinear' as const, 'bicubic' as const), fc.integer({ min: 0, max: 1000 }),
      (w, h, ow, oh, ch, filter, seed) => {
        const src = Uint8Array.from({ length: w * h * ch }, (_, i) => ((i + seed) * 2654435761) >>> 24);
        expect(Buffer.from(resizePil(src, w, h, ch, ow, oh, filter)).equals(Buffer.from(naiveResize(src, w, h, ch, ow, oh, filter)))).toBe(true);
      }), { numRuns: 300 });
  });

  it('a window of the resize equals the same crop of the full resize (resize-then-crop computes only the crop)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 60 }),
      fc.constantFrom(1, 2, 3, 4), fc.constantFrom('bilinear' as const, 'bicubic' as const), fc.integer({ min: 0, max: 1000 }),
      fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
      (w, h, ow, oh, ch, filter, seed, [a, b, c, d]) => {
        const src = Uint8Array.from({ length: w * h * ch }, (_, i) => ((i + seed) * 2654435761) >>> 24);
        const left = Math.floor(a * ow) % ow;
        const top = Math.floor(b * oh) % oh;
        const win = { left, top, width: 1 + (Math.floor(c * (ow - left)) % (ow - left)), height: 1 + (Math.floor(d * (oh - top)) % (oh - top)) };
        const full = naiveResize(src, w, h, ch, ow, oh, filter);
        const want = new Uint8Array(win.width * win.height * ch);
        for (let y = 0; y < win.height; y++) want.set(full.subarray(((win.top + y) * ow + win.left) * ch, ((win.top + y) * ow + win.left + win.width) * ch), y * win.width * ch);
        expect(Buffer.from(resizePilWindow(src, w, h, ch, ow, oh, win, filter)).equals(Buffer.from(want))).toBe(true);
      }), { numRuns: 300 });
    expect(() => resizePilWindow(new Uint8Array(12), 2, 2, 3, 4, 4, { left: 3, top: 0, width: 2, height: 1 })).toThrow(RangeError);
  });

  it('keeps a constant image constant at any size (weights sum to one in fixed point)', () => {
    const src = new Uint8Array(37 * 23 * 3).fill(201);
    for (const [w, h] of [[256, 159], [5, 3], [37, 100]] as const) expect(new Set(resizePil(src, 37, 23, 3, w, h))).toEqual(new Set([201]));
  });

  it('converts RGB to L with the ITU-R 601-2 weights in 16-bit fixed point', () => {
    const rgb = { data: Uint8Array.of(255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30), width: 4, height: 1, channels: 3 };
    expect([...toGray(rgb).data]).toEqual([76, 150, 29, 18]);
  });
});
