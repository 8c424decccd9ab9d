import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';

let cached: string | undefined;

/**
 * The git commit the running code was built from, recorded with every score: `$HELDOUT_GIT_REVISION` if set (an
 * installed package has no .git), else read from the checkout's .git files (no git process), else `unknown`.
 */
export function codeRevision(): string {
  if (cached !== undefined) return cached;
  cached = process.env.HELDOUT_GIT_REVISION?.trim() || readGitHead(path.join(PACKAGE_ROOT, '.git')) || 'unknown';
  return cached;
}

function readGitHead(gitDir: string): string | undefined {
  try {
    const head = readFileSync(path.join(gitDir, 'HEAD'), 'utf8').trim();
    if (!head.startsWith('ref: ')) return /^[0-9a-f]{40}$/.test(head) ? head : undefined;
    const ref = head.slice(5);
    try {
      return readFileSync(path.join(gitDir, ref), 'utf8').trim();
    } catch {
      const packed = readFileSync(path.join(gitDir, 'packed-refs'), 'utf8');
      return packed.split('\n').find((l) => l.endsWith(` ${ref}`))?.split(' ')[0];
    }
  } catch {
    return undefined;
  }
}
