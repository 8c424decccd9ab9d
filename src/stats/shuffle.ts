import type { Rng } from './rng.js';

/** Fisher–Yates shuffle of a copy, driven by a seeded Rng (same seed, same order): one rng.int(i + 1) per i from the end. */
export function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = out[i]!;
    out[i] = out[j]!;
    out[j] = tmp;
  }
  return out;
}
