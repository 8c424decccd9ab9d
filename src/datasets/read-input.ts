import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { UserError } from '../errors.js';
import { isGzip } from '../formats/dataset/idx.js';
import { compareNames, isHiddenName, isImageFileName } from '../formats/dataset/image-names.js';

/** Reads a file the user named, turning "not found" and "is a folder" into one-line errors naming it. */
export async function readInputFile(file: string, what: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`${file}: ${what} not found`);
    if (code === 'EISDIR') throw new UserError(`${file}: ${what} is a folder, not a file`);
    if (code === 'EACCES') throw new UserError(`${file}: ${what} is not readable (permission denied)`);
    throw err;
  }
}

export async function readInputText(file: string, what: string): Promise<string> {
  return (await readInputFile(file, what)).toString('utf8');
}

/** Reads a file that may be gzipped (detected by its magic number, not its name) and returns the plain bytes. */
export async function readMaybeGzipped(file: string, what: string): Promise<Uint8Array> {
  const bytes = await readInputFile(file, what);
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (err) {
    throw new UserError(`${file}: ${what} is a corrupt or truncated gzip file (${(err as Error).message})`);
  }
}

export async function isFile(file: string): Promise<boolean> {
  return stat(file).then((s) => s.isFile(), () => false);
}

/** The non-hidden entries of a folder, split into files and folders, each sorted by {@link compareNames}. */
export async function listFolder(dir: string): Promise<{ files: string[]; dirs: string[] }> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`${dir}: folder not found`);
    if (code === 'ENOTDIR') throw new UserError(`${dir}: not a folder`);
    throw err;
  }
  const files: string[] = [];
  const dirs: string[] = [];
  for (const e of entries) {
    if (isHiddenName(e.name)) continue;
    // Symbolic links count as what they point to (datasets are often assembled from links into a shared copy).
    const kind = e.isSymbolicLink() ? await stat(path.join(dir, e.name)).catch(() => undefined) : e;
    if (kind?.isDirectory()) dirs.push(e.name);
    else if (kind?.isFile()) files.push(e.name);
  }
  return { files: files.sort(compareNames), dirs: dirs.sort(compareNames) };
}

/** Image files found below a folder, as paths relative to it with forward slashes, plus the files that were skipped. */
export interface ImageScan {
  readonly images: string[];
  readonly skipped: string[];
}

/** Lists image files (by extension, any case) below `dir`, recursively, skipping hidden files and folders. */
export async function scanImages(dir: string, prefix = ''): Promise<ImageScan> {
  const { files, dirs } = await listFolder(dir);
  const images: string[] = [];
  const skipped: string[] = [];
  for (const f of files) (isImageFileName(f) ? images : skipped).push(`${prefix}${f}`);
  for (const d of dirs) {
    const sub = await scanImages(path.join(dir, d), `${prefix}${d}/`);
    images.push(...sub.images);
    skipped.push(...sub.skipped);
  }
  return { images: images.sort(compareNames), skipped };
}

/** The first of `candidates` that is an existing file, or undefined. */
export async function firstExistingFile(candidates: readonly string[]): Promise<string | undefined> {
  for (const c of candidates) if (await isFile(c)) return c;
  return undefined;
}
