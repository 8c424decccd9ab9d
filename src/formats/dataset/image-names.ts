/**
 * File extensions imported as images (lower case). These are the formats the bundled sharp/libvips decodes; BMP is
 * not among them, so `.bmp` files are skipped like any other non-image file.
 */
export const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'jpe', 'jfif', 'png', 'webp', 'gif', 'tif', 'tiff', 'avif'] as const;

const IMAGE_EXTENSION_SET: ReadonlySet<string> = new Set(IMAGE_EXTENSIONS);

/** The extension of a file name, lower-cased, without the dot; '' when there is none. */
export function extensionOf(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/** True for names with an image extension in any case (`a.JPEG`, `b.png`). */
export function isImageFileName(name: string): boolean {
  return IMAGE_EXTENSION_SET.has(extensionOf(name));
}

/** Hidden files and folders (`.DS_Store`, `._a.jpg` from macOS, `.git`) are never part of a dataset. */
export function isHiddenName(name: string): boolean {
  return name.startsWith('.');
}

/**
 * Sort order for file names: by UTF-16 code units, independent of locale, so positions are the same on every machine
 * (ILSVRC ground-truth files refer to images by their position in this order).
 */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** File extension to write for a stored image format (as reported by sharp). */
export function extensionForFormat(format: string): string {
  const ext: Record<string, string> = { jpeg: 'jpeg', png: 'png', webp: 'webp', gif: 'gif', tiff: 'tiff', avif: 'avif' };
  return ext[format] ?? format;
}
