import type { Rng } from '../../stats/index.js';
import { ControlDeck } from './control-deck.js';
import { checkComposition, CONTROL_TOP_UP_GRID, type GridComposition } from './grid-composition.js';
import type { PlannedImage, PlannedTask } from './build-grid-tasks.js';
import { shuffled } from './shuffle.js';

/** MatchedFrequency's requirement: ≥ 20 reference images per class, each with ≥ 10 annotations (ImageNetV2). */
export const REFERENCE_TARGET = { references: 20, annotations: 10 } as const;

export interface ControlTopUpRequest<K> {
  readonly wnid: string;
  /** Every verified image of the class (positive controls), with its coverage: valid annotations + open task slots. */
  readonly references: ReadonlyArray<{ readonly key: K; readonly coverage: number }>;
  /** Verified images of the most similar class. */
  readonly negatives: readonly K[];
  /** Filler candidates of the class (they gain annotations too). */
  readonly candidates: readonly K[];
  /** Assignments each new task takes. */
  readonly assignmentsPerTask: number;
  readonly target?: { readonly references: number; readonly annotations: number };
  readonly composition?: GridComposition;
  readonly rng: Rng;
}

export interface ControlTopUpPlan<K> {
  readonly tasks: ReadonlyArray<PlannedTask<K>>;
  /** References already covered (coverage ≥ annotations) before the plan. */
  readonly covered: number;
  /** References the new tasks bring to the target. */
  readonly toppedUp: readonly K[];
  /** References still missing after the plan because the class has too few verified images (0 when none are). */
  readonly shortfall: number;
}

/**
 * Plans ImageNetV2's "special" tasks that top up annotated controls: when fewer than `target.references` references of
 * a class are covered, the least work is to take the uncovered references closest to the target (ties by key order),
 * and put each into ⌈deficit / assignmentsPerTask⌉ tasks as a positive control. Each task holds
 * `composition.positives` distinct references, negatives and filler candidates dealt evenly, shuffled. Same seed, same plan.
 */
export function planControlTopUp<K>(req: ControlTopUpRequest<K>): ControlTopUpPlan<K> {
  const composition = checkComposition(req.composition ?? CONTROL_TOP_UP_GRID);
  if (composition.positives < 1) throw new RangeError('a control top-up grid needs at least one positive slot');
  const target = req.target ?? REFERENCE_TARGET;
  const covered = req.references.filter((r) => r.coverage >= target.annotations).length;
  const open = req.references.filter((r) => r.coverage < target.annotations)
    .map((r, i) => ({ ...r, i })).sort((a, b) => b.coverage - a.coverage || a.i - b.i);
  const need = Math.max(0, target.references - covered);
  const chosen = open.slice(0, need);
  // Copies: reference r goes into this many tasks (each gives it assignmentsPerTask annotations).
  const copies = chosen.map((r) => Math.ceil((target.annotations - r.coverage) / req.assignmentsPerTask));
  const rounds = Math.max(0, ...copies);
  const tasks: PlannedTask<K>[] = [];
  const negatives = new ControlDeck(req.negatives, req.rng);
  const fillers = new ControlDeck(req.candidates, req.rng);
  // Round k holds every reference that needs a (k+1)-th task; within a round references are distinct per task.
  for (let round = 0; round < rounds; round++) {
    const refs = chosen.filter((_, j) => copies[j]! > round).map((r) => r.key);
    for (let start = 0; start < refs.length; start += composition.positives) {
      const pos = refs.slice(start, start + composition.positives);
      const used = new Set<K>(pos);
      const neg = negatives.deal(composition.negatives, used);
      neg.forEach((k) => used.add(k));
      const cand = fillers.deal(composition.candidates, used);
      const images: PlannedImage<K>[] = [
        ...cand.map((key) => ({ key, role: 'candidate' as const })),
        ...pos.map((key) => ({ key, role: 'positive' as const })),
        ...neg.map((key) => ({ key, role: 'negative' as const })),
      ];
      tasks.push({ wnid: req.wnid, images: shuffled(images, req.rng) });
    }
  }
  return { tasks, covered, toppedUp: chosen.map((r) => r.key), shortfall: need - chosen.length };
}
