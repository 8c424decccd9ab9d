import type { Rng } from '../../stats/index.js';
import { BIN_COUNT, binOf } from './frequency-bins.js';
import type { BinDeficit, ChosenImage, ClassSelection, EligibleCandidate } from './class-selection.js';
import { sampleSorted } from './seeded-sample.js';

export interface MatchedFrequencyClassInput {
  readonly candidates: readonly EligibleCandidate[];
  /** Images wanted per bin (the reference histogram rounded to k, see roundHistogram). */
  readonly target: readonly number[];
  /** Fill a bin's missing slots from the next higher non-empty bin (ImageNetV2's allow_upward_sampling). */
  readonly upward: boolean;
  readonly rng: Rng;
}

/**
 * ImageNetV2's `sample_wnid_histogram` for one class. Bins are filled in ascending order: the still-eligible images of
 * the previous revision in the bin first (a seeded subset when there are more than the target), then a seeded sample
 * over the sorted ids of the bin's other candidates; a bin short of candidates takes all it has. Then, with upward
 * sampling, each bin's missing slots (ascending) are filled from the next higher bin that has candidates left,
 * images of the previous revision first. A top-bin deficit cannot be filled (sampling never goes downward).
 */
export function matchedFrequencyClass({ candidates, target, upward, rng }: MatchedFrequencyClassInput): ClassSelection {
  if (target.length !== BIN_COUNT) throw new RangeError(`target must have ${BIN_COUNT} bins`);
  const byBin: EligibleCandidate[][] = Array.from({ length: BIN_COUNT }, () => []);
  for (const c of candidates) byBin[binOf(c.frequency)]!.push(c);
  const chosen: ChosenImage[] = [];
  const left: EligibleCandidate[][] = [];
  const missing: number[] = [];
  for (let b = 0; b < BIN_COUNT; b++) {
    const { picked, rest } = takeFrom(byBin[b]!, target[b]!, rng);
    for (const c of picked) chosen.push({ id: c.id, carried: c.inPrevious, bin: b });
    left.push(rest);
    missing.push(target[b]! - picked.length);
  }
  const deficits: BinDeficit[] = [];
  for (let b = 0; b < BIN_COUNT; b++) {
    let need = missing[b]!;
    if (need === 0) continue;
    const filledFrom: Array<{ bin: number; count: number }> = [];
    for (let s = b + 1; upward && need > 0 && s < BIN_COUNT; s++) {
      if (left[s]!.length === 0) continue;
      const { picked, rest } = takeFrom(left[s]!, need, rng);
      left[s] = rest;
      for (const c of picked) chosen.push({ id: c.id, carried: c.inPrevious, bin: s, forBin: b });
      filledFrom.push({ bin: s, count: picked.length });
      need -= picked.length;
    }
    deficits.push({ bin: b, missing: missing[b]!, filledFrom, unfilled: need });
  }
  return { chosen, target, deficits };
}

/** Up to n of `pool`: images of the previous revision first, then a seeded sample of the others; and what is left. */
function takeFrom(pool: readonly EligibleCandidate[], n: number, rng: Rng): { picked: EligibleCandidate[]; rest: EligibleCandidate[] } {
  if (n <= 0) return { picked: [], rest: [...pool] };
  const byId = new Map(pool.map((c) => [c.id, c]));
  const previous = pool.filter((c) => c.inPrevious).map((c) => c.id);
  const keep = sampleSorted(previous, n, rng);
  const others = pool.filter((c) => !c.inPrevious).map((c) => c.id);
  const fresh = sampleSorted(others, n - keep.length, rng);
  const ids = [...keep, ...fresh];
  const taken = new Set(ids);
  return { picked: ids.map((id) => byId.get(id)!), rest: pool.filter((c) => !taken.has(c.id)) };
}
