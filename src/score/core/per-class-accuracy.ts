import { proportion, type IntervalOptions, type Proportion } from './proportion.js';

/** Accuracy on the images of one true class (class index in sorted-wnid order), at each requested top-j. */
export interface ClassAccuracy {
  readonly index: number;
  readonly n: number;
  /** One entry per requested j, in the order given. */
  readonly top: readonly Proportion[];
}

/**
 * Per-class accuracy for the classes that occur in `labels` (classes without images are left out: an accuracy of
 * 0 of 0 has no interval). Sorted by class index.
 */
export function perClassAccuracy(labels: Int32Array, rank: Uint8Array, ks: readonly number[], numClasses: number, interval: IntervalOptions): ClassAccuracy[] {
  const n = new Int32Array(numClasses);
  const correct = ks.map(() => new Int32Array(numClasses));
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i]!;
    n[y]!++;
    const r = rank[i]!;
    for (let t = 0; t < ks.length; t++) if (r < ks[t]!) correct[t]![y]!++;
  }
  const out: ClassAccuracy[] = [];
  for (let c = 0; c < numClasses; c++) {
    if (n[c] === 0) continue;
    out.push({ index: c, n: n[c]!, top: ks.map((_, t) => proportion(correct[t]![c]!, n[c]!, interval)) });
  }
  return out;
}
