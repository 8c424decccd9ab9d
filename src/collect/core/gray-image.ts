/** A single-channel image, row-major, one value per pixel (0..255 from a decoder, but any numbers work). */
export interface GrayImage {
  readonly width: number;
  readonly height: number;
  readonly data: ArrayLike<number>;
}

/** Checks that `data` has exactly `width × height` values; throws a RangeError naming the mismatch. */
export function assertGrayImage(img: GrayImage): void {
  if (!(Number.isInteger(img.width) && Number.isInteger(img.height) && img.width > 0 && img.height > 0)) {
    throw new RangeError(`gray image size must be positive integers, got ${img.width}×${img.height}`);
  }
  if (img.data.length !== img.width * img.height) {
    throw new RangeError(`gray image ${img.width}×${img.height} needs ${img.width * img.height} values, got ${img.data.length}`);
  }
}

/**
 * Area-average resampling to `width × height` (a box filter with fractional edges): every output pixel is the mean of
 * the source area it covers. Hashes are defined on this, not on a decoder's resize kernel, so the same pixels give the
 * same hash whatever produced them. Separable: rows first, then columns.
 */
export function resizeArea(img: GrayImage, width: number, height: number): Float64Array {
  assertGrayImage(img);
  if (img.width === width && img.height === height) return Float64Array.from(img.data);
  const wx = boxWeights(img.width, width);
  const wy = boxWeights(img.height, height);
  const rows = new Float64Array(img.height * width);
  for (let y = 0; y < img.height; y++) {
    const base = y * img.width;
    for (let ox = 0; ox < width; ox++) {
      let s = 0;
      for (const [x, w] of wx[ox]!) s += w * img.data[base + x]!;
      rows[y * width + ox] = s;
    }
  }
  const out = new Float64Array(width * height);
  for (let oy = 0; oy < height; oy++) {
    for (let ox = 0; ox < width; ox++) {
      let s = 0;
      for (const [y, w] of wy[oy]!) s += w * rows[y * width + ox]!;
      out[oy * width + ox] = s;
    }
  }
  return out;
}

/** For each output cell, the source indices it overlaps and their weights (summing to 1). */
function boxWeights(from: number, to: number): Array<Array<[number, number]>> {
  const scale = from / to;
  const cells: Array<Array<[number, number]>> = [];
  for (let o = 0; o < to; o++) {
    const start = o * scale;
    const end = start + scale;
    const cell: Array<[number, number]> = [];
    for (let i = Math.floor(start); i < Math.min(from, Math.ceil(end)); i++) {
      const overlap = Math.min(end, i + 1) - Math.max(start, i);
      if (overlap > 0) cell.push([i, overlap / scale]);
    }
    cells.push(cell);
  }
  return cells;
}
