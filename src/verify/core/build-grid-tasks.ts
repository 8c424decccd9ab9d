import type { Rng } from '../../stats/index.js';
import { ControlDeck } from './control-deck.js';
import { checkComposition, IMAGENETV2_GRID, type GridComposition } from './grid-composition.js';
import type { ImageRole } from './image-role.js';
import { shuffled } from './shuffle.js';

/** One image of a planned task. */
export interface PlannedImage<K> {
  readonly key: K;
  readonly role: ImageRole;
}

/** A planned grid task of one class: its images in display order. */
export interface PlannedTask<K> {
  readonly wnid: string;
  readonly images: ReadonlyArray<PlannedImage<K>>;
}

export interface GridTaskRequest<K> {
  readonly wnid: string;
  /** Candidates for this class, each placed in exactly one task. */
  readonly candidates: readonly K[];
  /** Verified images of this class. */
  readonly positives: readonly K[];
  /** Verified images of the most similar class (see {@link mostSimilarClass}). */
  readonly negatives: readonly K[];
  readonly composition?: GridComposition;
  readonly rng: Rng;
}

export interface GridTaskPlan<K> {
  readonly tasks: ReadonlyArray<PlannedTask<K>>;
  /** Control slots that could not be filled because a control pool was too small (0 when all were). */
  readonly missingPositives: number;
  readonly missingNegatives: number;
}

/**
 * Plans the grid tasks of one class the ImageNetV2 way: candidates (in a seeded random order) are cut into tasks of
 * `composition.candidates`; each task gets `positives` and `negatives` controls dealt evenly from their pools; every
 * grid is then shuffled, so a control's position says nothing about it. Same seed, same plan.
 *
 * @example
 * buildGridTasks({ wnid, candidates: ids, positives, negatives, rng: seededRng(1) }).tasks[0].images.length // → 48
 */
export function buildGridTasks<K>(req: GridTaskRequest<K>): GridTaskPlan<K> {
  const composition = checkComposition(req.composition ?? IMAGENETV2_GRID);
  const { rng } = req;
  const candidates = shuffled([...new Set(req.candidates)], rng);
  const positives = new ControlDeck(req.positives, rng);
  const negatives = new ControlDeck(req.negatives, rng);
  const tasks: PlannedTask<K>[] = [];
  let missingPositives = 0;
  let missingNegatives = 0;
  for (let start = 0; start < candidates.length; start += composition.candidates) {
    const chunk = candidates.slice(start, start + composition.candidates);
    const used = new Set<K>(chunk);
    const pos = positives.deal(composition.positives, used);
    pos.forEach((k) => used.add(k));
    const neg = negatives.deal(composition.negatives, used);
    missingPositives += composition.positives - pos.length;
    missingNegatives += composition.negatives - neg.length;
    const images: PlannedImage<K>[] = [
      ...chunk.map((key) => ({ key, role: 'candidate' as const })),
      ...pos.map((key) => ({ key, role: 'positive' as const })),
      ...neg.map((key) => ({ key, role: 'negative' as const })),
    ];
    tasks.push({ wnid: req.wnid, images: shuffled(images, rng) });
  }
  return { tasks, missingPositives, missingNegatives };
}
