import { extensionForFormat, isImageFileName } from './image-names.js';

/** What an export needs to know of one item. */
export interface ExportItem {
  /** Item name within its split, e.g. `n01440764/a.jpg` or `00042`. */
  readonly name: string;
  readonly sha256: string;
  readonly wnid: string;
  /** Stored image format (`jpeg`, `png`, …), used when the name has no image extension. */
  readonly format: string;
}

/** A file to write: its path relative to the output folder (forward slashes) and the blob it holds. */
export interface ExportFile {
  readonly path: string;
  readonly sha256: string;
  /** Index of the item in the input list. */
  readonly item: number;
}

/**
 * Hands out file paths that are unique even on case-insensitive file systems (macOS, Windows): a clash gets `-2`,
 * `-3`, … before the extension. Every item keeps its own file, so re-importing an export yields the same items.
 */
export class UniquePaths {
  private readonly taken = new Set<string>();

  claim(dir: string, fileName: string): string {
    const dot = fileName.lastIndexOf('.');
    const stem = dot > 0 ? fileName.slice(0, dot) : fileName;
    const ext = dot > 0 ? fileName.slice(dot) : '';
    for (let n = 1; ; n++) {
      const candidate = `${dir}${n === 1 ? fileName : `${stem}-${n}${ext}`}`;
      if (!this.taken.has(candidate.toLowerCase())) {
        this.taken.add(candidate.toLowerCase());
        return candidate;
      }
    }
  }
}

/** The last path segment of an item name, given an image extension if it has none (IDX items are `00042`). */
export function exportFileName(item: ExportItem): string {
  const base = item.name.slice(item.name.lastIndexOf('/') + 1);
  return isImageFileName(base) ? base : `${base}.${extensionForFormat(item.format)}`;
}

/** `<wnid>/<basename>`: torchvision ImageFolder / the ILSVRC train layout. */
export function imagefolderPaths(items: readonly ExportItem[]): ExportFile[] {
  const paths = new UniquePaths();
  return items.map((it, i) => ({ path: paths.claim(`${it.wnid}/`, exportFileName(it)), sha256: it.sha256, item: i }));
}

/** `<sorted class index>/<sha256>.<ext>`: the ImageNetV2 release layout. */
export function imagenetv2Paths(items: readonly ExportItem[], indexOf: (wnid: string) => number): ExportFile[] {
  const paths = new UniquePaths();
  return items.map((it, i) => ({
    path: paths.claim(`${indexOf(it.wnid)}/`, `${it.sha256}.${extensionForFormat(it.format)}`),
    sha256: it.sha256,
    item: i,
  }));
}

/** `images/<basename>`; the labels CSV refers to these files relative to `images/`. */
export function flatImagePaths(items: readonly ExportItem[], dir = 'images/'): ExportFile[] {
  const paths = new UniquePaths();
  return items.map((it, i) => ({ path: paths.claim(dir, exportFileName(it)), sha256: it.sha256, item: i }));
}
