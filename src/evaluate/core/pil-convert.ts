/** Decoded 8-bit pixels, interleaved, row-major: 1 (gray), 2 (gray+alpha), 3 (RGB) or 4 (RGBA) channels. */
export interface RawImage {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly channels: number;
}

/**
 * Pillow's `convert('RGB')`: gray is replicated, alpha is dropped (not composited), RGB is kept.
 *
 * @example toRgb({ data: Uint8Array.of(7), width: 1, height: 1, channels: 1 }).data // → [7, 7, 7]
 */
export function toRgb(img: RawImage): RawImage {
  const { data, width, height, channels } = img;
  if (channels === 3) return img;
  const n = width * height;
  const out = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    if (channels <= 2) {
      const v = data[i * channels]!;
      out[i * 3] = v;
      out[i * 3 + 1] = v;
      out[i * 3 + 2] = v;
    } else {
      out[i * 3] = data[i * channels]!;
      out[i * 3 + 1] = data[i * channels + 1]!;
      out[i * 3 + 2] = data[i * channels + 2]!;
    }
  }
  return { data: out, width, height, channels: 3 };
}

/**
 * Pillow's `convert('L')`: ITU-R 601-2 luma in 16-bit fixed point, L = (19595 R + 38470 G + 7471 B + 0x8000) >> 16;
 * alpha is dropped.
 */
export function toGray(img: RawImage): RawImage {
  const { data, width, height, channels } = img;
  if (channels === 1) return img;
  const n = width * height;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * channels;
    out[i] = channels === 2 ? data[o]! : (data[o]! * 19595 + data[o + 1]! * 38470 + data[o + 2]! * 7471 + 0x8000) >>> 16;
  }
  return { data: out, width, height, channels: 1 };
}
