/** A crop of an image, in pixels of the image it is cut from; `mirror` flips the whole image left–right first. */
export interface CropBox {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  readonly mirror: boolean;
}

/**
 * Python 3's `round()` for the .5 cases torchvision's centre crop meets: halves go to the even neighbour, so
 * `round(58.5) == 58` where `Math.round` gives 59.
 */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * torchvision's `center_crop` box: top = round((H − h) / 2), left = round((W − w) / 2), Python rounding.
 * The crop must fit (presets resize first, so it always does).
 */
export function centerCropBox(width: number, height: number, cropWidth: number, cropHeight: number, mirror = false): CropBox {
  if (cropWidth > width || cropHeight > height) throw new RangeError(`crop ${cropWidth}×${cropHeight} does not fit in ${width}×${height}`);
  return { left: roundHalfEven((width - cropWidth) / 2), top: roundHalfEven((height - cropHeight) / 2), width: cropWidth, height: cropHeight, mirror };
}

/**
 * torchvision's `ten_crop(img, size)`: `five_crop` (top-left, top-right, bottom-left, bottom-right, centre) of the
 * image, then `five_crop` of its mirror image — in that order. Boxes of the mirrored crops are in the mirrored
 * image's coordinates.
 */
export function tenCropBoxes(width: number, height: number, size: number): CropBox[] {
  const five = (mirror: boolean): CropBox[] => [
    { left: 0, top: 0, width: size, height: size, mirror },
    { left: width - size, top: 0, width: size, height: size, mirror },
    { left: 0, top: height - size, width: size, height: size, mirror },
    { left: width - size, top: height - size, width: size, height: size, mirror },
    centerCropBox(width, height, size, size, mirror),
  ];
  if (size > width || size > height) throw new RangeError(`crop ${size}×${size} does not fit in ${width}×${height}`);
  return [...five(false), ...five(true)];
}
