import type { PresetSpec } from '../core/preset-spec.js';
import { alexnet10crop } from './alexnet-10crop.js';
import { fmnist28 } from './fmnist-28.js';
import { imagenet224 } from './imagenet-224.js';
import { inception299 } from './inception-299.js';

/** Every preprocessing preset, by name (`heldout model add --preset`). Steps: docs/testbed.md#presets. */
export const PRESETS = {
  'imagenet-224': imagenet224,
  'inception-299': inception299,
  'alexnet-10crop': alexnet10crop,
  'fmnist-28': fmnist28,
} as const satisfies Record<string, PresetSpec>;

export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

export function isPresetName(name: string): name is PresetName {
  return Object.hasOwn(PRESETS, name);
}
