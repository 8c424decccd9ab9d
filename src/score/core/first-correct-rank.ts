/** Rank value meaning "no guess in the first k matched the label". */
export const NO_MATCH = 255;

/** Largest k a rank vector can hold. */
export const MAX_K = 254;

/**
 * For each image, the 0-based position of the first guess equal to its label, or {@link NO_MATCH}. Image i is right
 * at top-j exactly when `rank[i] < j`, so one pass serves every j ≤ k; a repeated guess can only match once.
 *
 * @example firstCorrectRank(Int32Array.of(4, 2), Int32Array.of(4, 9, 1, 2), 2) // → Uint8Array [0, 1]
 */
export function firstCorrectRank(labels: Int32Array, guesses: Int32Array, k: number): Uint8Array {
  if (k < 1 || k > MAX_K) throw new RangeError(`k must be 1..${MAX_K}, got ${k}`);
  if (guesses.length !== labels.length * k) throw new RangeError(`guesses has ${guesses.length} entries, expected ${labels.length} × ${k}`);
  const rank = new Uint8Array(labels.length).fill(NO_MATCH);
  for (let i = 0, base = 0; i < labels.length; i++, base += k) {
    const y = labels[i]!;
    for (let j = 0; j < k; j++) {
      if (guesses[base + j] === y) {
        rank[i] = j;
        break;
      }
    }
  }
  return rank;
}

/** Number of images right at top-j. */
export function countTopK(rank: Uint8Array, j: number): number {
  let c = 0;
  for (let i = 0; i < rank.length; i++) if (rank[i]! < j) c++;
  return c;
}

/** 1 where the image is right at top-j, else 0 (the correctness vector paired tests take). */
export function correctAtK(rank: Uint8Array, j: number): Uint8Array {
  const out = new Uint8Array(rank.length);
  for (let i = 0; i < rank.length; i++) out[i] = rank[i]! < j ? 1 : 0;
  return out;
}
