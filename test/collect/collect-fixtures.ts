import sharp from 'sharp';
import { photoLikeJpeg } from '../../bench/collect-photo-like.mjs';
import { writeTree } from '../helpers/images.js';

export { photoLikeJpeg };

/** A small photo-like JPEG (fast to decode in tests): 160×120 unless given. */
export function smallPhoto(seed: number, width = 160, height = 120): Promise<Buffer> {
  return photoLikeJpeg(seed, { width, height });
}

/** The same picture stored sideways with EXIF orientation 6 ("rotate 90° clockwise to view"), as phones do. */
export async function sidewaysPhoto(seed: number): Promise<Buffer> {
  const upright = await smallPhoto(seed, 120, 160);
  return sharp(upright).rotate(-90).withMetadata({ orientation: 6 }).jpeg({ quality: 90 }).toBuffer();
}

/** Writes files below `root` (relative path → bytes or text). */
export const writeFiles = writeTree;
