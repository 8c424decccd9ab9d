// Seeded photo-like test images for the collect stage (tests in test/collect and bench/mih-vs-brute.mjs share them):
// a two-colour gradient, soft texture, a few filled shapes and sensor-like noise, encoded as JPEG by sharp. Real
// photographs cannot ship with the repository; these have the properties near-duplicate metrics care about
// (large smooth regions, edges, fine noise) and are reproducible byte for byte from a seed.
import sharp from 'sharp';
import { mulberry32 } from './bench-common.mjs';

export { mulberry32 } from './bench-common.mjs';

/** Raw RGB pixels of photo-like image `seed` (width × height × 3 bytes). */
export function photoLikePixels(seed, width = 640, height = 480) {
  const r = mulberry32(seed);
  const c0 = [r() * 255, r() * 255, r() * 255];
  const c1 = [r() * 255, r() * 255, r() * 255];
  const angle = r() * Math.PI * 2;
  const [dx, dy] = [Math.cos(angle), Math.sin(angle)];
  const waves = Array.from({ length: 3 }, () => ({ fx: (r() - 0.5) * 0.08, fy: (r() - 0.5) * 0.08, ph: r() * 6.28, amp: 10 + r() * 20 }));
  const shapes = Array.from({ length: 4 + Math.floor(r() * 5) }, () => ({
    kind: r() < 0.5 ? 'ellipse' : 'rect',
    cx: r() * width, cy: r() * height, rx: (0.05 + r() * 0.2) * width, ry: (0.05 + r() * 0.2) * height,
    color: [r() * 255, r() * 255, r() * 255],
  }));
  const out = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = Math.min(1, Math.max(0, 0.5 + ((x - width / 2) * dx + (y - height / 2) * dy) / Math.max(width, height)));
      let px = [c0[0] + (c1[0] - c0[0]) * t, c0[1] + (c1[1] - c0[1]) * t, c0[2] + (c1[2] - c0[2]) * t];
      for (const s of shapes) {
        const inside = s.kind === 'ellipse'
          ? ((x - s.cx) / s.rx) ** 2 + ((y - s.cy) / s.ry) ** 2 <= 1
          : Math.abs(x - s.cx) <= s.rx && Math.abs(y - s.cy) <= s.ry;
        if (inside) px = s.color;
      }
      let tex = 0;
      for (const w of waves) tex += w.amp * Math.sin(x * w.fx + y * w.fy + w.ph);
      const o = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) out[o + c] = Math.max(0, Math.min(255, Math.round(px[c] + tex + (r() - 0.5) * 16)));
    }
  }
  return out;
}

/** A photo-like JPEG (quality 85 unless given). */
export async function photoLikeJpeg(seed, { width = 640, height = 480, quality = 85 } = {}) {
  return sharp(photoLikePixels(seed, width, height), { raw: { width, height, channels: 3 } }).jpeg({ quality }).toBuffer();
}

/** The edits a near-duplicate check should (or, for mirrored, may not) recognise, as a typed map. */
export const TRANSFORMS = {
  reencoded: { description: 'decoded and saved again as JPEG quality 60', apply: (img) => sharp(img).jpeg({ quality: 60 }).toBuffer() },
  resized: { description: 'scaled to half size (320×240)', apply: async (img) => sharp(img).resize({ width: Math.round((await sharp(img).metadata()).width / 2) }).jpeg({ quality: 85 }).toBuffer() },
  cropped: {
    description: '5 % cropped away (2.5 % from each side, both axes)',
    apply: async (img) => {
      const { width, height } = await sharp(img).metadata();
      const dx = Math.round(width * 0.025);
      const dy = Math.round(height * 0.025);
      return sharp(img).extract({ left: dx, top: dy, width: width - 2 * dx, height: height - 2 * dy }).jpeg({ quality: 85 }).toBuffer();
    },
  },
  brightened: { description: 'brightness shifted by +25 of 255', apply: (img) => sharp(img).linear(1, 25).jpeg({ quality: 85 }).toBuffer() },
  mirrored: { description: 'flipped left–right', apply: (img) => sharp(img).flop().jpeg({ quality: 85 }).toBuffer() },
};
