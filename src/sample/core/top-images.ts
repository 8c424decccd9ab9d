import type { ClassSelection, EligibleCandidate } from './class-selection.js';
import { compareIds } from './seeded-sample.js';

/**
 * ImageNetV2's `sample_best` for one class: eligible candidates sorted by (frequency, annotations, in previous
 * revision, id), all descending, and the first k taken. Deterministic; only the final shuffle uses the seed.
 */
export function topImagesClass(candidates: readonly EligibleCandidate[], k: number): ClassSelection {
  const sorted = [...candidates].sort((a, b) =>
    b.frequency - a.frequency || b.shown - a.shown || Number(b.inPrevious) - Number(a.inPrevious) || compareIds(b.id, a.id));
  return { chosen: sorted.slice(0, k).map((c) => ({ id: c.id, carried: c.inPrevious })) };
}
