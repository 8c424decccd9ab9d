import { UserError } from '../../errors.js';
import type { Rng } from '../../stats/rng.js';

/** Leaderboard split of each image: public, private, or ignored (scored on neither board). */
export const SPLIT_CODES = { public: 'P', private: 'R', ignored: 'I' } as const;
export type LeaderboardSplit = 'public' | 'private';
export const LEADERBOARD_SPLITS: readonly LeaderboardSplit[] = ['public', 'private'];

/**
 * A seeded random public/private split: exactly `publicSize` of the `n` images are public (a uniformly random subset,
 * drawn by a partial Fisher–Yates shuffle), the rest private. One character per image: `P` or `R`.
 *
 * @example seededAssignment(4, 1, seededRng(1)) // → e.g. 'RRPR'
 */
export function seededAssignment(n: number, publicSize: number, rng: Rng): string {
  if (!Number.isInteger(publicSize) || publicSize < 1 || publicSize >= n) {
    throw new UserError(`the public split must hold 1..${n - 1} of the ${n} images, got ${publicSize}`);
  }
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const codes = new Array<string>(n).fill(SPLIT_CODES.private);
  for (let i = 0; i < publicSize; i++) {
    const j = i + rng.int(n - i);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
    codes[order[i]!] = SPLIT_CODES.public;
  }
  return codes.join('');
}

const USAGE_CODES: Readonly<Record<string, string>> = { public: 'P', private: 'R', ignored: 'I' };

/**
 * A Kaggle-style split from a `Usage` column: `usage` maps image ids to Public, Private or Ignored (any case); every
 * image of the split must appear exactly once, and both boards need at least one image.
 */
export function usageAssignment(imageIds: readonly string[], usage: ReadonlyMap<string, string>, file: string): string {
  const codes = imageIds.map((id) => {
    const u = usage.get(id);
    if (u === undefined) throw new UserError(`${file}: no Usage for image ${JSON.stringify(id)}`);
    const code = USAGE_CODES[u.trim().toLowerCase()];
    if (code === undefined) throw new UserError(`${file}: Usage of ${JSON.stringify(id)} is ${JSON.stringify(u)}; expected Public, Private or Ignored`);
    return code;
  });
  if (usage.size !== imageIds.length) throw new UserError(`${file}: ${usage.size} rows but the split has ${imageIds.length} images (every image exactly once)`);
  const s = codes.join('');
  if (!s.includes('P') || !s.includes('R')) throw new UserError(`${file}: needs at least one Public and one Private image`);
  return s;
}

/** Number of images of each board in an assignment. */
export function splitSizes(assignment: string): Record<LeaderboardSplit, number> {
  let pub = 0;
  let priv = 0;
  for (let i = 0; i < assignment.length; i++) {
    const c = assignment.charCodeAt(i);
    if (c === 80) pub++;
    else if (c === 82) priv++;
  }
  return { public: pub, private: priv };
}
