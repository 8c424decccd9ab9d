import type { PresetSpec } from '../core/preset-spec.js';

/** ImageNet channel means and standard deviations (of RGB values / 255), as torchvision's models use them. */
export const IMAGENET_NORM = { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] } as const;

/**
 * The standard ImageNet evaluation transform (torchvision `Resize(256)`, `CenterCrop(224)`, `ToTensor()`,
 * `Normalize(IMAGENET_NORM)`), with Pillow's antialiased bilinear resize.
 */
export const imagenet224: PresetSpec = {
  description: 'RGB; shorter side to 256 (bilinear, antialiased); centre crop 224; /255; ImageNet mean/std; 3×224×224',
  color: 'rgb',
  resize: { kind: 'shorter-side', size: 256 },
  filter: 'bilinear',
  crop: { kind: 'center', size: 224 },
  norm: IMAGENET_NORM,
  input: { channels: 3, height: 224, width: 224 },
};
