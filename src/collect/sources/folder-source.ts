import path from 'node:path';
import { listFolder } from '../../datasets/read-input.js';
import { blankEntry, wnidFromPath, type IngestEntry } from './ingest-entry.js';

export interface FolderSourceOptions {
  readonly path: string;
  /** Class of files not below a wnid-named folder. */
  readonly wnid?: string;
  /** Default `folder`; folder files have no photo ids, so their ids are content hashes whatever the name. */
  readonly sourceName?: string;
}

/**
 * Every non-hidden file below a folder, recursively, in name order: image or not (a non-image is reported as
 * unsupported-format rather than silently skipped). The class comes from the nearest wnid-named folder, else --wnid.
 */
export async function folderEntries(o: FolderSourceOptions): Promise<IngestEntry[]> {
  const root = path.resolve(o.path);
  const rels: string[] = [];
  const walk = async (dir: string, prefix: string) => {
    const { files, dirs } = await listFolder(dir);
    rels.push(...files.map((f) => `${prefix}${f}`));
    for (const d of dirs) await walk(path.join(dir, d), `${prefix}${d}/`);
  };
  await walk(root, '');
  return rels.map((rel) => ({
    ...blankEntry(rel, { kind: 'file', path: path.join(root, ...rel.split('/')) }, o.sourceName ?? 'folder'),
    sourcePath: rel,
    wnid: wnidFromPath(rel) ?? o.wnid ?? null,
  }));
}
