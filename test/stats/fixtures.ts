// Test helpers: read the CSV fixtures written by tools/reference/make_stats_fixtures.py
// and compare numbers with a relative tolerance.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../fixtures/stats/', import.meta.url));

/** Rows of a fixture CSV as string records (the fixtures contain no quoted commas). */
export function readFixture(name: string): Record<string, string>[] {
  const lines = readFileSync(DIR + name, 'utf8').trim().split('\n');
  const header = lines[0]!.split(',');
  return lines.slice(1).map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(header.map((h, i) => [h, cells[i]!]));
  });
}

/** Parses a fixture number (Python repr, plus NaN/Infinity). */
export function num(s: string | undefined): number {
  if (s === undefined) throw new Error('missing fixture cell');
  return Number(s);
}

/**
 * Error of `actual` against `expected`, relative unless |expected| < absFloor, where it is absolute
 * (relative error is meaningless for values that are 0 or rounding noise around 0).
 */
export function relErr(actual: number, expected: number, absFloor = 1e-300): number {
  if (actual === expected) return 0;
  const d = Math.abs(actual - expected);
  return Math.abs(expected) < absFloor ? d : d / Math.abs(expected);
}

/** Tracks the worst error seen, so a test can both assert and report it. */
export class ErrorTracker {
  max = 0;
  where = '';
  add(actual: number, expected: number, where: string, absFloor?: number): number {
    const e = relErr(actual, expected, absFloor);
    if (!(e <= this.max)) {
      this.max = e;
      this.where = `${where}: actual ${actual}, expected ${expected}`;
    }
    return e;
  }
}
