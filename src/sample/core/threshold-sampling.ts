import type { Rng } from '../../stats/index.js';
import type { ChosenImage, ClassSelection, EligibleCandidate } from './class-selection.js';
import { sampleSorted } from './seeded-sample.js';

/**
 * ImageNetV2's `sample_above_threshold` for one class: the candidates given are already eligible (frequency ≥ the
 * class's threshold among the rules); the previous revision's still-eligible images are kept (a seeded subset if
 * there are more than k), the remaining slots are a uniform seeded sample over the sorted ids of the others.
 */
export function thresholdClass(candidates: readonly EligibleCandidate[], k: number, rng: Rng): ClassSelection {
  const keep = sampleSorted(candidates.filter((c) => c.inPrevious).map((c) => c.id), k, rng);
  const fresh = sampleSorted(candidates.filter((c) => !c.inPrevious).map((c) => c.id), k - keep.length, rng);
  const chosen: ChosenImage[] = [...keep.map((id) => ({ id, carried: true })), ...fresh.map((id) => ({ id, carried: false }))];
  return { chosen };
}
