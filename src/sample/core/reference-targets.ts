import { BIN_COUNT, histogram } from './frequency-bins.js';
import { roundHistogram } from './round-histogram.js';

/** Votes of one reference image (an image of the original test set, shown as a positive control). */
export interface ReferenceVotes {
  readonly selected: number;
  readonly shown: number;
}

export interface ReferenceTargets {
  /** Per class: reference images with enough annotations per bin. */
  readonly histograms: ReadonlyMap<string, readonly number[]>;
  /** Per class: images wanted per bin, the histogram rounded to k. */
  readonly targets: ReadonlyMap<string, readonly number[]>;
  /** Classes with fewer than `minReference` usable reference images, with how many they have. */
  readonly short: ReadonlyArray<{ readonly wnid: string; readonly images: number }>;
}

/**
 * MatchedFrequency's per-class targets: the frequencies of the class's reference images that have ≥ `minAnnotations`
 * annotations (at least `minReference` of them, ImageNetV2's `min_num_val_images_per_wnid` = 20), binned and rounded to
 * k with {@link roundHistogram}. Classes below the minimum are listed in `short` and get no target.
 */
export function referenceTargets(
  reference: ReadonlyMap<string, readonly ReferenceVotes[]>, classes: readonly string[],
  o: { readonly minAnnotations: number; readonly minReference: number; readonly perClass: number },
): ReferenceTargets {
  const histograms = new Map<string, number[]>();
  const targets = new Map<string, number[]>();
  const short: Array<{ wnid: string; images: number }> = [];
  for (const wnid of classes) {
    const usable = (reference.get(wnid) ?? []).filter((r) => r.shown >= o.minAnnotations && r.shown > 0);
    const h = usable.length > 0 ? histogram(usable.map((r) => r.selected / r.shown)) : new Array<number>(BIN_COUNT).fill(0);
    histograms.set(wnid, h);
    if (usable.length < Math.max(1, o.minReference)) short.push({ wnid, images: usable.length });
    else targets.set(wnid, roundHistogram(h, o.perClass));
  }
  return { histograms, targets, short };
}
