import type { PresetSpec } from '../core/preset-spec.js';

/**
 * Inception-style evaluation at 299×299: shorter side to 342 (= 299 / 0.875), centre crop 299, values scaled to
 * [−1, 1] (mean = std = 0.5), the convention of the TensorFlow-trained Inception weights (timm `tf_`/`inception_v3`
 * ports). torchvision's own `inception_v3` weights expect ImageNet mean/std instead (with `transform_input`).
 */
export const inception299: PresetSpec = {
  description: 'RGB; shorter side to 342 (bilinear, antialiased); centre crop 299; /255; mean = std = 0.5 (values in [−1, 1]); 3×299×299',
  color: 'rgb',
  resize: { kind: 'shorter-side', size: 342 },
  filter: 'bilinear',
  crop: { kind: 'center', size: 299 },
  norm: { mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] },
  input: { channels: 3, height: 299, width: 299 },
};
