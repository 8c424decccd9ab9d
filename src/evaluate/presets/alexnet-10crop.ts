import type { PresetSpec } from '../core/preset-spec.js';
import { IMAGENET_NORM } from './imagenet-224.js';

/**
 * The AlexNet paper's test protocol (Krizhevsky et al. 2012, §4.1 and §3.4): the image is rescaled so its shorter
 * side is 256 and its central 256×256 patch cut out; the four corner 224×224 patches and the centre patch, and their
 * horizontal reflections, are classified and the ten softmax outputs averaged. Each view is normalised like
 * `imagenet-224` (the paper subtracted a mean image; ImageNet mean/std is what exported models expect today).
 */
export const alexnet10crop: PresetSpec = {
  description: 'RGB; shorter side to 256 (bilinear, antialiased); centre 256×256; TenCrop 224 (4 corners + centre, and mirrored); /255; ImageNet mean/std; softmax averaged over the 10 views',
  color: 'rgb',
  resize: { kind: 'shorter-side', size: 256 },
  filter: 'bilinear',
  crop: { kind: 'ten', center: 256, size: 224 },
  norm: IMAGENET_NORM,
  input: { channels: 3, height: 224, width: 224 },
};
