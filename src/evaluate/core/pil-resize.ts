/**
 * Pillow's antialiased resampling (libImaging/Resample.c, Pillow 9–11), reproduced bit for bit so that Heldout's
 * presets give the same pixels as torchvision's PIL pipeline: a separable filter whose support grows with the
 * reduction factor, coefficients in 22-bit fixed point, a horizontal pass over the rows that are needed, rounding to
 * 8 bits, then a vertical pass. Pure: plain arrays in, plain arrays out.
 */

/** A resampling filter: its kernel and its support (half-width) at scale 1. */
interface Filter {
  readonly support: number;
  kernel(x: number): number;
}

/** The filters presets use, by Pillow's name. Bilinear is a triangle ("tent") filter. */
export const RESAMPLE_FILTERS = {
  bilinear: { support: 1, kernel: (x: number) => (x < 0 ? -x : x) < 1 ? 1 - (x < 0 ? -x : x) : 0 },
  bicubic: {
    support: 2,
    kernel: (x: number) => {
      // Pillow's bicubic uses a = -0.5 (Keys' kernel).
      const a = -0.5;
      const t = Math.abs(x);
      if (t < 1) return ((a + 2) * t - (a + 3)) * t * t + 1;
      if (t < 2) return (((t - 5) * t + 8) * t - 4) * a;
      return 0;
    },
  },
} as const satisfies Record<string, Filter>;
export type ResampleFilter = keyof typeof RESAMPLE_FILTERS;

// Sums stay exact in int32 (the 4-tap loops use Math.imul and `| 0`): |weights| sum to at most ~1.3 × 2^22, so
// 255 × that + HALF < 2^31, as in Pillow's own int arithmetic.
const PRECISION_BITS = 32 - 8 - 2;
const ONE = 1 << PRECISION_BITS;
const HALF = 1 << (PRECISION_BITS - 1);

/** Per output pixel: first input index, number of taps, and fixed-point weights (`taps` per pixel, zero-padded). */
interface Coefficients {
  readonly bounds: Int32Array;
  readonly weights: Int32Array;
  readonly taps: number;
}

/** Pillow's `precompute_coeffs` + `normalize_coeffs_8bpc` for the box [in0, in1) of an axis of `inSize` pixels. */
export function precomputeCoefficients(inSize: number, in0: number, in1: number, outSize: number, filter: Filter): Coefficients {
  const scale = (in1 - in0) / outSize;
  const filterScale = scale < 1 ? 1 : scale;
  const support = filter.support * filterScale;
  const taps = Math.ceil(support) * 2 + 1;
  const bounds = new Int32Array(outSize * 2);
  const weights = new Int32Array(outSize * taps);
  const k = new Float64Array(taps);
  for (let xx = 0; xx < outSize; xx++) {
    const center = in0 + (xx + 0.5) * scale;
    const ss = 1 / filterScale;
    // C's (int) cast truncates toward zero; the clamp to 0 follows it, as in Pillow.
    let xmin = Math.trunc(center - support + 0.5);
    if (xmin < 0) xmin = 0;
    let xmax = Math.trunc(center + support + 0.5);
    if (xmax > inSize) xmax = inSize;
    xmax -= xmin;
    let ww = 0;
    for (let x = 0; x < xmax; x++) {
      const w = filter.kernel((x + xmin - center + 0.5) * ss);
      k[x] = w;
      ww += w;
    }
    for (let x = 0; x < taps; x++) {
      const v = x < xmax && ww !== 0 ? k[x]! / ww : x < xmax ? k[x]! : 0;
      weights[xx * taps + x] = v < 0 ? Math.trunc(-0.5 + v * ONE) : Math.trunc(0.5 + v * ONE);
    }
    bounds[xx * 2] = xmin;
    bounds[xx * 2 + 1] = xmax;
  }
  return { bounds, weights, taps };
}

function clip8(v: number): number {
  if (v >= ONE << 8) return 255;
  if (v <= 0) return 0;
  return v >> PRECISION_BITS;
}

/** A rectangle of an image, in pixels: the part of a resized image to compute. */
export interface PixelWindow {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Resizes 8-bit interleaved pixels (`channels` per pixel, row-major) to `outWidth × outHeight` exactly as Pillow's
 * `Image.resize((outWidth, outHeight), filter)` does for modes L and RGB (no reducing gap, no box).
 *
 * @example resizePil(rgb, 500, 375, 3, 341, 256, 'bilinear') // torchvision Resize(256) on a 500×375 photo
 */
export function resizePil(src: Uint8Array, width: number, height: number, channels: number, outWidth: number, outHeight: number, filterName: ResampleFilter = 'bilinear'): Uint8Array {
  return resizePilWindow(src, width, height, channels, outWidth, outHeight, { left: 0, top: 0, width: outWidth, height: outHeight }, filterName);
}

/**
 * The pixels inside `window` of `resizePil(src, …, outWidth, outHeight)`, computed without the rest: resize-then-crop
 * in one step. Each output pixel depends only on its own filter taps (its column's in the horizontal pass, its
 * row's in the vertical one), so this is bit for bit the crop of the full resize — at a fraction of its cost when
 * the window is a centre crop (224×224 of 341×256: 58% of the work).
 *
 * @example resizePilWindow(rgb, 500, 375, 3, 341, 256, { left: 58, top: 16, width: 224, height: 224 }) // Resize(256) + CenterCrop(224)
 */
export function resizePilWindow(src: Uint8Array, width: number, height: number, channels: number, outWidth: number, outHeight: number, window: PixelWindow, filterName: ResampleFilter = 'bilinear'): Uint8Array {
  if (src.length !== width * height * channels) throw new RangeError(`expected ${width * height * channels} bytes, got ${src.length}`);
  if (outWidth < 1 || outHeight < 1) throw new RangeError(`output size ${outWidth}×${outHeight} is empty`);
  const { left, top, width: w, height: h } = window;
  if (left < 0 || top < 0 || w < 1 || h < 1 || left + w > outWidth || top + h > outHeight) {
    throw new RangeError(`window ${w}×${h} at (${left}, ${top}) is not inside the ${outWidth}×${outHeight} output`);
  }
  const filter = RESAMPLE_FILTERS[filterName];
  const sameWidth = outWidth === width;
  const sameHeight = outHeight === height;
  if (sameWidth && sameHeight) return copyWindow(src, width, channels, window);
  const vert = sameHeight ? undefined : precomputeCoefficients(height, 0, height, outHeight, filter);
  if (sameWidth) return verticalPass(src, width, left, channels, w, top, h, vert!, 0);
  const horiz = precomputeCoefficients(width, 0, width, outWidth, filter);
  if (sameHeight) return horizontalPass(src, width, channels, top, h, left, w, horiz);
  // Only the rows the window's vertical taps read: Pillow likewise resamples rows [first, last) horizontally and
  // shifts the vertical bounds by `first`.
  const first = vert!.bounds[top * 2]!;
  const last = vert!.bounds[(top + h - 1) * 2]! + vert!.bounds[(top + h - 1) * 2 + 1]!;
  const rows = horizontalPass(src, width, channels, first, last - first, left, w, horiz);
  return verticalPass(rows, w, 0, channels, w, top, h, vert!, first);
}

function copyWindow(src: Uint8Array, width: number, channels: number, win: PixelWindow): Uint8Array {
  const rowBytes = win.width * channels;
  const out = new Uint8Array(rowBytes * win.height);
  for (let y = 0; y < win.height; y++) {
    const start = ((win.top + y) * width + win.left) * channels;
    out.set(src.subarray(start, start + rowBytes), y * rowBytes);
  }
  return out;
}

/** Output columns [x0, x0 + count) of input rows [firstRow, firstRow + rows). */
function horizontalPass(src: Uint8Array, width: number, channels: number, firstRow: number, rows: number, x0: number, count: number, c: Coefficients): Uint8Array {
  if (channels === 3 && maxTaps(c, x0, count) <= 4) return horizontalPassRgb4(src, width, firstRow, rows, x0, count, c);
  const out = new Uint8Array(count * rows * channels);
  const { bounds, weights, taps } = c;
  const x1 = x0 + count;
  for (let y = 0; y < rows; y++) {
    const rowIn = (y + firstRow) * width * channels;
    let o = y * count * channels;
    for (let xx = x0; xx < x1; xx++) {
      const n = bounds[xx * 2 + 1]!;
      const kBase = xx * taps;
      let p = rowIn + bounds[xx * 2]! * channels;
      if (channels === 3) {
        // RGB, more taps: one pass over the taps for the three channels.
        let s0 = HALF;
        let s1 = HALF;
        let s2 = HALF;
        for (let x = 0; x < n; x++, p += 3) {
          const k = weights[kBase + x]!;
          s0 += src[p]! * k;
          s1 += src[p + 1]! * k;
          s2 += src[p + 2]! * k;
        }
        out[o++] = clip8(s0);
        out[o++] = clip8(s1);
        out[o++] = clip8(s2);
        continue;
      }
      for (let ch = 0; ch < channels; ch++) {
        let ss = HALF;
        for (let x = 0, q = p + ch; x < n; x++, q += channels) ss += src[q]! * weights[kBase + x]!;
        out[o++] = clip8(ss);
      }
    }
  }
  return out;
}

function maxTaps(c: Coefficients, x0: number, count: number): number {
  let m = 0;
  for (let xx = x0; xx < x0 + count; xx++) m = Math.max(m, c.bounds[xx * 2 + 1]!);
  return m;
}

/**
 * RGB with at most 4 taps per output column (reductions up to ~1.5×, every enlargement): each column's 4 byte
 * offsets and weights are laid out once (missing taps: weight 0 on the first pixel — adding 0 keeps the sum exact),
 * then every row runs the same straight-line code, ~3× faster than the general loop.
 */
function horizontalPassRgb4(src: Uint8Array, width: number, firstRow: number, rows: number, x0: number, count: number, c: Coefficients): Uint8Array {
  const out = new Uint8Array(count * rows * 3);
  const { bounds, weights, taps } = c;
  const offsets = new Int32Array(count * 4);
  const w4 = new Int32Array(count * 4);
  for (let j = 0; j < count; j++) {
    const xx = x0 + j;
    const n = bounds[xx * 2 + 1]!;
    for (let t = 0; t < 4; t++) {
      offsets[j * 4 + t] = (bounds[xx * 2]! + (t < n ? t : 0)) * 3;
      w4[j * 4 + t] = t < n ? weights[xx * taps + t]! : 0;
    }
  }
  let o = 0;
  for (let y = 0; y < rows; y++) {
    const rowIn = (y + firstRow) * width * 3;
    for (let j = 0, b = 0; j < count; j++, b += 4) {
      const p0 = rowIn + offsets[b]!;
      const p1 = rowIn + offsets[b + 1]!;
      const p2 = rowIn + offsets[b + 2]!;
      const p3 = rowIn + offsets[b + 3]!;
      const k0 = w4[b]!;
      const k1 = w4[b + 1]!;
      const k2 = w4[b + 2]!;
      const k3 = w4[b + 3]!;
      out[o++] = clip8((HALF + Math.imul(src[p0]!, k0) + Math.imul(src[p1]!, k1) + Math.imul(src[p2]!, k2) + Math.imul(src[p3]!, k3)) | 0);
      out[o++] = clip8((HALF + Math.imul(src[p0 + 1]!, k0) + Math.imul(src[p1 + 1]!, k1) + Math.imul(src[p2 + 1]!, k2) + Math.imul(src[p3 + 1]!, k3)) | 0);
      out[o++] = clip8((HALF + Math.imul(src[p0 + 2]!, k0) + Math.imul(src[p1 + 2]!, k1) + Math.imul(src[p2 + 2]!, k2) + Math.imul(src[p3 + 2]!, k3)) | 0);
    }
  }
  return out;
}

/**
 * Output rows [y0, y0 + outHeight) of a vertical pass over columns [left, left + outWidth) of `src` (rows of
 * `width` pixels; row r of `src` is input row r + shift).
 */
function verticalPass(src: Uint8Array, width: number, left: number, channels: number, outWidth: number, y0: number, outHeight: number, c: Coefficients, shift: number): Uint8Array {
  const stride = width * channels;
  const rowBytes = outWidth * channels;
  const col = left * channels;
  const out = new Uint8Array(rowBytes * outHeight);
  const { bounds, weights, taps } = c;
  for (let y = 0; y < outHeight; y++) {
    const yy = y + y0;
    const ymin = bounds[yy * 2]! - shift;
    const n = bounds[yy * 2 + 1]!;
    const kBase = yy * taps;
    const o = y * rowBytes;
    if (n <= 4) {
      // Up to 4 taps (reductions up to ~1.5×, and every enlargement): unrolled, missing taps weighted 0 on row
      // ymin. Adding 0 keeps the sum exact, and this runs ~2.5× faster than a loop over taps.
      const r0 = ymin * stride + col;
      const r1 = n > 1 ? r0 + stride : r0;
      const r2 = n > 2 ? r0 + 2 * stride : r0;
      const r3 = n > 3 ? r0 + 3 * stride : r0;
      const k0 = weights[kBase]!;
      const k1 = n > 1 ? weights[kBase + 1]! : 0;
      const k2 = n > 2 ? weights[kBase + 2]! : 0;
      const k3 = n > 3 ? weights[kBase + 3]! : 0;
      for (let i = 0; i < rowBytes; i++) {
        out[o + i] = clip8((HALF + Math.imul(src[r0 + i]!, k0) + Math.imul(src[r1 + i]!, k1) + Math.imul(src[r2 + i]!, k2) + Math.imul(src[r3 + i]!, k3)) | 0);
      }
      continue;
    }
    for (let i = 0; i < rowBytes; i++) {
      let ss = HALF;
      for (let t = 0, p = ymin * stride + col + i; t < n; t++, p += stride) ss += src[p]! * weights[kBase + t]!;
      out[o + i] = clip8(ss);
    }
  }
  return out;
}
