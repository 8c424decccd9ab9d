import type { ClassSet } from '../classes/class-set.js';
import type { BuiltinClassSetName } from '../catalog/builtin-class-sets.js';
import type { ProgressListener } from '../progress.js';

/** Where the classes come from when neither `--classes` nor an existing dataset decides them. */
export type ClassFallback =
  | { readonly kind: 'builtin'; readonly name: BuiltinClassSetName }
  /** The wnids found in the input (class folders, CSV labels), sorted; devkit IDs then follow sorted order too. */
  | { readonly kind: 'found'; readonly wnids: readonly string[] };

export interface LayoutContext {
  /**
   * The class set of the import: `--classes` if given (checked against an existing dataset's classes), else the
   * existing dataset's classes, else the layout's fallback.
   */
  classes(fallback: ClassFallback): ClassSet;
  readonly onProgress: ProgressListener;
}

/** Where an item's bytes come from: a file to read and decode, or raw grayscale pixels to encode (IDX). */
export type ItemSource =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'pixels'; readonly pixels: Uint8Array; readonly width: number; readonly height: number };

/** One image of the split as a layout understood it, before its bytes are read or checked. */
export interface PlannedItem {
  /** Name within the split: the path relative to the imported folder (forward slashes), or `00042` for IDX. */
  readonly name: string;
  readonly wnid: string;
  /** Absolute path of the original file, or `<abs file>#<i>` for the i-th image of an IDX file. */
  readonly sourcePath: string;
  readonly source: ItemSource;
}

/** A layout's reading of its input: items in position order, all labels already resolved to the class set. */
export interface ImportPlan {
  /** Absolute path recorded on the split for provenance. */
  readonly sourcePath: string;
  readonly classSet: ClassSet;
  readonly items: readonly PlannedItem[];
  /** Non-image files that were ignored (relative paths), reported so that nothing is dropped silently. */
  readonly skipped: readonly string[];
}

/** One entry of {@link IMPORT_LAYOUTS}: how to read one on-disk layout. `R` holds the layout's own options. */
export interface ImportLayout<R> {
  readonly description: string;
  /** Shown in help and docs: what the classes are when `--classes` is not given. */
  readonly defaultClasses: string;
  plan(request: R, ctx: LayoutContext): Promise<ImportPlan>;
}
