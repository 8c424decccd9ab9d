import type { Interval } from '../stats/index.js';
import { seededRng } from '../stats/index.js';
import type { CrowdTaskSlots } from '../store/store.js';
import {
  agreementIntervals, binaryCountTable, fleissKappa, frequencyHistogram, krippendorffAlpha, openSlots, type AgreementValue,
} from './core/index.js';
import type { FrequencyTable } from './frequency-rows.js';

/** Per-class progress and agreement, for the host pages and `heldout crowd progress`. */
export interface ClassSummary {
  readonly wnid: string;
  readonly tasks: number;
  readonly openSlots: number;
  readonly validAssignments: number;
  readonly rejectedAssignments: number;
  /** Image-votes that count: Σ shown over the class's images. */
  readonly annotations: number;
  readonly candidates: number;
  /** Candidates with at least `target` valid annotations. */
  readonly candidatesDone: number;
  /** Candidates' frequencies in ImageNetV2's bins [0, .2) [.2, .4) [.4, .6) [.6, .8) [.8, 1]. */
  readonly histogram: readonly number[];
  readonly fleiss: AgreementValue & { readonly interval?: Interval };
  readonly krippendorff: AgreementValue & { readonly interval?: Interval };
}

/** Summaries in `classes` order. Agreement intervals: 95% percentile bootstrap over images (seeded, 500 resamples). */
export function classSummaries(freq: FrequencyTable, slots: readonly CrowdTaskSlots[], classes: readonly string[], target: number, seed = 1): ClassSummary[] {
  const pairsOf = new Map<string, number[]>(classes.map((w) => [w, []]));
  for (let i = 0; i < freq.length; i++) pairsOf.get(freq.columns.wnid(i))?.push(i);
  return classes.map((wnid) => {
    const mine = pairsOf.get(wnid)!;
    const taskSlots = slots.filter((s) => s.wnid === wnid);
    const candidates = mine.filter((i) => freq.columns.roles(i).includes('candidate'));
    const table = binaryCountTable(mine.map((i) => freq.selected[i]!), mine.map((i) => freq.shown[i]!));
    const fleiss = fleissKappa(table);
    const krippendorff = krippendorffAlpha(table);
    const [fi, ki] = agreementIntervals(table, [fleissKappa, krippendorffAlpha], seededRng(seed), { resamples: 500 });
    return {
      wnid, tasks: taskSlots.length,
      openSlots: taskSlots.reduce((s, t) => s + openSlots(t), 0),
      validAssignments: taskSlots.reduce((s, t) => s + t.valid, 0),
      rejectedAssignments: taskSlots.reduce((s, t) => s + t.rejected, 0),
      annotations: mine.reduce((s, i) => s + freq.shown[i]!, 0),
      candidates: candidates.length,
      candidatesDone: candidates.filter((i) => freq.shown[i]! >= target).length,
      histogram: frequencyHistogram(candidates.map((i) => freq.frequency[i]!)),
      fleiss: { ...fleiss, ...(fi ? { interval: fi } : {}) },
      krippendorff: { ...krippendorff, ...(ki ? { interval: ki } : {}) },
    };
  });
}
