import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BlobStore, PutResult } from './blob-store.js';
import { UserError } from '../../errors.js';

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Blobs as files `<root>/ab/cd/<sha256>`; two directory levels keep folders small at millions of images.
 * Writes go to a temporary name and are renamed into place, so a crash never leaves a partial blob under a real name.
 */
export class FsBlobStore implements BlobStore {
  /** Directories known to exist: saves a mkdir per blob on large imports (65,536 leaf folders at most). */
  private readonly madeDirs = new Set<string>();

  constructor(readonly root: string) {}

  static sha256(bytes: Uint8Array): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new UserError(`"${sha256}" is not a sha256 blob id`);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(bytes: Uint8Array, knownSha256?: string): Promise<PutResult> {
    const sha256 = knownSha256 ?? FsBlobStore.sha256(bytes);
    const file = this.pathOf(sha256);
    if (await exists(file)) return { sha256, created: false };
    const dir = path.dirname(file);
    if (!this.madeDirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      this.madeDirs.add(dir);
    }
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, file);
    return { sha256, created: true };
  }

  async get(sha256: string): Promise<Buffer> {
    try {
      return await readFile(this.pathOf(sha256));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new UserError(`blob ${sha256} not found`, 1);
      throw err;
    }
  }

  has(sha256: string): Promise<boolean> {
    return exists(this.pathOf(sha256));
  }

  async delete(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  async count(): Promise<number> {
    let n = 0;
    for (const a of await readdirOrEmpty(this.root)) {
      for (const b of await readdirOrEmpty(path.join(this.root, a))) {
        n += (await readdirOrEmpty(path.join(this.root, a, b))).filter((f) => SHA256.test(f)).length;
      }
    }
    return n;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

async function readdirOrEmpty(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}
