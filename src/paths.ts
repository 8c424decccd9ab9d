import { fileURLToPath } from 'node:url';
import path from 'node:path';

/**
 * Root of the installed package. Works from src/ (vitest, tsx) and dist/ alike because both sit one level below it.
 */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Files that ship with the package (WordNet, class tables, demo data). */
export function packageDataPath(...parts: string[]): string {
  return path.join(PACKAGE_ROOT, 'data', ...parts);
}
