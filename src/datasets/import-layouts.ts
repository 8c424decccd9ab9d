import type { ImportLayout } from './import-layout.js';
import { idxLayout } from './layouts/idx.js';
import { ilsvrcValLayout } from './layouts/ilsvrc-val.js';
import { imagefolderLayout } from './layouts/imagefolder.js';
import { imagenetv2Layout } from './layouts/imagenetv2.js';
import { labelsCsvLayout } from './layouts/labels-csv.js';

/** Every on-disk layout `heldout dataset import` reads, by name; the CLI and docs list them from here. */
export const IMPORT_LAYOUTS = {
  imagefolder: imagefolderLayout,
  imagenetv2: imagenetv2Layout,
  'ilsvrc-val': ilsvrcValLayout,
  'labels-csv': labelsCsvLayout,
  idx: idxLayout,
} as const;

export type ImportLayoutName = keyof typeof IMPORT_LAYOUTS;

/** The layout-specific options of layout `L`, e.g. `{ images, labels, classMap? }` for `idx`. */
export type LayoutOptions<L extends ImportLayoutName> = (typeof IMPORT_LAYOUTS)[L] extends ImportLayout<infer R> ? R : never;

export function isImportLayout(name: string): name is ImportLayoutName {
  return Object.hasOwn(IMPORT_LAYOUTS, name);
}
