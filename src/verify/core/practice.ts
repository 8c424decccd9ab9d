import type { Rng } from '../../stats/index.js';
import { shuffled } from './shuffle.js';

/** A verified image a practice grid may show (an item of the controls split). */
export interface PracticeItem {
  readonly itemId: number;
  readonly sha256: string;
}

/** A class's practice material: its own verified images and those of its most similar class. */
export interface PracticeClass {
  readonly wnid: string;
  readonly positives: readonly PracticeItem[];
  readonly negatives: readonly PracticeItem[];
}

export interface PracticeGrid {
  readonly wnid: string;
  /** In display order; `expected` true: the image shows the class. */
  readonly images: ReadonlyArray<PracticeItem & { readonly expected: boolean }>;
}

/**
 * Plans a practice round: `grids` grids of up to `imagesPerGrid` images, each for one class (classes in a seeded order,
 * repeated when there are fewer classes than grids), half positives (rounded up) and half negatives drawn without
 * replacement, shuffled. Only classes with at least one positive and one negative are used, so every grid has both
 * answers; returns [] when no class qualifies.
 */
export function planPracticeGrids(classes: readonly PracticeClass[], o: { readonly grids: number; readonly imagesPerGrid: number }, rng: Rng): PracticeGrid[] {
  const usable = shuffled(classes.filter((c) => c.positives.length > 0 && c.negatives.length > 0), rng);
  if (usable.length === 0) return [];
  const grids: PracticeGrid[] = [];
  for (let g = 0; g < o.grids; g++) {
    const c = usable[g % usable.length]!;
    const nPos = Math.min(c.positives.length, Math.ceil(o.imagesPerGrid / 2));
    const nNeg = Math.min(c.negatives.length, o.imagesPerGrid - nPos);
    const pos = shuffled(c.positives, rng).slice(0, nPos).map((i) => ({ ...i, expected: true }));
    const neg = shuffled(c.negatives, rng).slice(0, nNeg).map((i) => ({ ...i, expected: false }));
    grids.push({ wnid: c.wnid, images: shuffled([...pos, ...neg], rng) });
  }
  return grids;
}

/** A practice answer is right when the image was selected exactly if it shows the class. */
export function scorePractice(images: ReadonlyArray<{ readonly expected: boolean; readonly selected: boolean }>): { correct: number; total: number } {
  let correct = 0;
  for (const i of images) if (i.expected === i.selected) correct++;
  return { correct, total: images.length };
}
