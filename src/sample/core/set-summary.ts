import { histogram } from './frequency-bins.js';
import { meanSd, type MeanSd } from './mean-interval.js';

/** Frequencies of a set of images summarised: per-bin counts and mean ± sd with n and a 95% interval. */
export interface FrequencySummary {
  readonly bins: readonly number[];
  readonly frequency: MeanSd;
  readonly annotations: MeanSd;
}

export function frequencySummary(images: ReadonlyArray<{ readonly selected: number; readonly shown: number }>): FrequencySummary {
  const seen = images.filter((i) => i.shown > 0);
  const f = seen.map((i) => i.selected / i.shown);
  return { bins: histogram(f), frequency: meanSd(f), annotations: meanSd(images.map((i) => i.shown)) };
}

/** Images two revisions share, keyed `wnid/id`. */
export function overlapCount(a: Iterable<string>, b: ReadonlySet<string>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
}
