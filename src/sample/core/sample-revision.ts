import { seededRng } from '../../stats/index.js';
import type { BinDeficit, ClassSelection, EligibleCandidate } from './class-selection.js';
import { ineligibility, type IneligibleReason } from './eligibility.js';
import { matchedFrequencyClass } from './matched-frequency.js';
import { frequencyOf, type SampleCandidate } from './sample-candidate.js';
import type { SamplingStrategy } from './sampling-strategies.js';
import { compareIds, shuffleWith } from './seeded-sample.js';
import { thresholdClass } from './threshold-sampling.js';
import { topImagesClass } from './top-images.js';

export interface SampleParameters {
  readonly strategy: SamplingStrategy;
  /** Images per class (k); ImageNetV2: 10. */
  readonly perClass: number;
  readonly seed: number;
  readonly minAnnotations: number;
  /** Threshold τ (Threshold strategy). */
  readonly threshold: number;
  /** Per-class thresholds that replace τ (ImageNetV2: chest 0.6, redbone 0.6, nail 0.5). */
  readonly thresholdOverrides: Readonly<Record<string, number>>;
  /** MatchedFrequency: fill a short bin from higher bins. */
  readonly upward: boolean;
  readonly skipNearDuplicateCheck: boolean;
}

export interface SampleRevisionInput {
  readonly params: SampleParameters;
  /** Classes to sample (each gets up to k); processed in sorted wnid order. */
  readonly classes: readonly string[];
  readonly candidates: readonly SampleCandidate[];
  /** `wnid/id` of the images of the revision this one starts from. */
  readonly previous?: ReadonlySet<string>;
  /** MatchedFrequency: images wanted per bin, per class (see referenceTargets). */
  readonly targets?: ReadonlyMap<string, readonly number[]>;
}

/** One image of a revision, in final (shuffled) order. */
export interface SampledImage {
  readonly id: string;
  readonly wnid: string;
  readonly selected: number;
  readonly shown: number;
  readonly carried: boolean;
}

/** Per-class record: what was there, what was chosen, what was short and what was done about it. */
export interface ClassNote {
  readonly wnid: string;
  readonly candidates: number;
  readonly eligible: number;
  readonly ineligible: Partial<Record<IneligibleReason, number>>;
  readonly chosen: number;
  readonly carried: number;
  /** Slots left empty (k − chosen). */
  readonly short: number;
  readonly threshold?: number;
  readonly target?: readonly number[];
  readonly deficits?: readonly BinDeficit[];
}

export interface SampledRevision {
  readonly images: readonly SampledImage[];
  readonly classes: readonly ClassNote[];
}

/**
 * Samples a revision: eligibility per candidate, the strategy per class in sorted wnid order with one seeded RNG
 * (`seededRng(seed)`, MT19937), then the whole (image, class) list shuffled with the same RNG, as ImageNetV2's
 * `random.Random(seed)` did. Same input and seed → the same list.
 */
export function sampleRevision(input: SampleRevisionInput): SampledRevision {
  const { params } = input;
  if (!Number.isInteger(params.perClass) || params.perClass < 1) throw new RangeError(`perClass must be a positive integer, got ${params.perClass}`);
  const rng = seededRng(params.seed);
  const byClass = new Map<string, SampleCandidate[]>();
  for (const c of input.candidates) {
    let list = byClass.get(c.wnid);
    if (!list) byClass.set(c.wnid, (list = []));
    list.push(c);
  }
  const classes = [...new Set(input.classes)].sort(compareIds);
  const notes: ClassNote[] = [];
  const ordered: SampledImage[] = [];
  for (const wnid of classes) {
    const all = [...(byClass.get(wnid) ?? [])].sort((a, b) => compareIds(a.id, b.id));
    const threshold = params.strategy === 'threshold' ? (params.thresholdOverrides[wnid] ?? params.threshold) : undefined;
    const ineligible: Partial<Record<IneligibleReason, number>> = {};
    const eligible: EligibleCandidate[] = [];
    const byId = new Map<string, SampleCandidate>();
    for (const c of all) {
      const why = ineligibility(c, { minAnnotations: params.minAnnotations, threshold, skipNearDuplicateCheck: params.skipNearDuplicateCheck });
      if (why) ineligible[why] = (ineligible[why] ?? 0) + 1;
      else {
        eligible.push({ id: c.id, frequency: frequencyOf(c), shown: c.shown, inPrevious: input.previous?.has(`${wnid}/${c.id}`) ?? false });
        byId.set(c.id, c);
      }
    }
    const selection = selectClass(params, wnid, eligible, input.targets, rng);
    for (const ch of selection.chosen) {
      const c = byId.get(ch.id)!;
      ordered.push({ id: c.id, wnid, selected: c.selected, shown: c.shown, carried: ch.carried });
    }
    notes.push({
      wnid, candidates: all.length, eligible: eligible.length, ineligible, chosen: selection.chosen.length,
      carried: selection.chosen.filter((c) => c.carried).length, short: params.perClass - selection.chosen.length,
      ...(threshold !== undefined ? { threshold } : {}),
      ...(selection.target ? { target: selection.target } : {}),
      ...(selection.deficits ? { deficits: selection.deficits } : {}),
    });
  }
  return { images: shuffleWith(ordered, rng), classes: notes };
}

function selectClass(
  params: SampleParameters, wnid: string, eligible: readonly EligibleCandidate[],
  targets: ReadonlyMap<string, readonly number[]> | undefined, rng: ReturnType<typeof seededRng>,
): ClassSelection {
  switch (params.strategy) {
    case 'matched-frequency': {
      const target = targets?.get(wnid);
      if (!target) throw new RangeError(`no MatchedFrequency target for class ${wnid}`);
      return matchedFrequencyClass({ candidates: eligible, target, upward: params.upward, rng });
    }
    case 'threshold':
      return thresholdClass(eligible, params.perClass, rng);
    case 'top':
      return topImagesClass(eligible, params.perClass);
  }
}
