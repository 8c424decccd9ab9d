import type { PresetSpec } from '../core/preset-spec.js';

/** Fashion-MNIST training-set statistics of u8/255 pixels, used by tools/zoo/train_zoo.py. */
export const FMNIST_NORM = { mean: [0.286], std: [0.353] } as const;

/**
 * The demo zoo's input: 28×28 grayscale (Pillow `convert('L')`; other sizes resized to exactly 28×28, bilinear,
 * antialiased), /255, then (x − 0.2860) / 0.3530 — the float32 operations of tools/zoo/train_zoo.py.
 */
export const fmnist28: PresetSpec = {
  description: 'grayscale (Pillow L); resized to exactly 28×28 if needed (bilinear, antialiased); /255; mean 0.2860, std 0.3530; 1×28×28',
  color: 'gray',
  resize: { kind: 'exact', width: 28, height: 28 },
  filter: 'bilinear',
  crop: { kind: 'none' },
  norm: FMNIST_NORM,
  input: { channels: 1, height: 28, width: 28 },
};
