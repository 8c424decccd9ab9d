import { checkPaired } from './checks.js';

/** The two off-diagonal cells of the paired 2×2 table of two classifiers on the same items. */
export interface DiscordantCounts {
  /** Items that A got right and B got wrong. */
  readonly b: number;
  /** Items that A got wrong and B got right. */
  readonly c: number;
  /** Number of items (the table total). */
  readonly n: number;
}

/**
 * Counts discordant pairs of two correctness vectors (1 = correct) over the same items.
 * Throws RangeError if the lengths differ, are 0, or an element is not 0/1.
 */
export function discordantCounts(a: Uint8Array, b: Uint8Array): DiscordantCounts {
  checkPaired(a, b);
  let onlyA = 0;
  let onlyB = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    if (d > 0) onlyA++;
    else if (d < 0) onlyB++;
  }
  return { b: onlyA, c: onlyB, n: a.length };
}
