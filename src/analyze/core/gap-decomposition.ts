import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { fractionCorrect, meanDifference, type MeanDifference, type PairedCounts } from './mean-difference.js';
import type { StudyData } from './study-data.js';
import type { Decomposition, GapTerm, ModelRow } from './study-report.js';

const pct = (v: number) => `${(v * 100).toFixed(2)} pp`;

/**
 * Recht et al.'s decomposition of the mean drop, in accuracy: acc_S − acc_S′ = (acc_S − acc_D) adaptivity
 * + (acc_D − acc_D′) distribution + (acc_D′ − acc_S′) generalization. Only what the data identify is estimated:
 * the generalization gap is the new set's sampling error (a bound, mean zero); the adaptivity gap needs a split of
 * the original distribution that no model was selected on (the study's holdout), else it is not identifiable; the
 * distribution gap is then the remainder.
 */
export function decompose(a: {
  readonly data: StudyData; readonly models: readonly ModelRow[]; readonly newSet: string;
  readonly meanDrop: MeanDifference; readonly alpha: number; readonly vo?: Float64Array; readonly vn?: Float64Array;
}): Decomposition {
  const z = normalQuantile(1 - a.alpha / 2, 0, 1);
  let seNew = 0;
  if (a.vn) {
    let m = 0;
    for (const v of a.vn) m += v;
    m /= a.vn.length;
    let s = 0;
    for (const v of a.vn) s += (v - m) ** 2;
    seNew = Math.sqrt(s / Math.max(1, a.vn.length - 1) / a.vn.length);
  } else {
    for (const r of a.models) seNew += Math.sqrt((r.new.accuracy * (1 - r.new.accuracy)) / r.new.n);
    seNew /= a.models.length;
  }
  const generalization: GapTerm = {
    kind: 'bound', halfWidth: z * seNew,
    note: `acc_D′ − acc_S′ is the sampling error of the new test set (n=${a.models[0]!.new.n}): mean zero, within ±${pct(z * seNew)} for the mean over models at ${((1 - a.alpha) * 100).toFixed(0)}% confidence${a.vn ? '' : ' (conservative: only counts are known)'}.`,
  };
  const observed = { value: a.meanDrop.value, ci: a.meanDrop.ci };
  const formula = 'acc_S − acc_S′ = (acc_S − acc_D) adaptivity + (acc_D − acc_D′) distribution + (acc_D′ − acc_S′) generalization';
  const holdout = a.data.holdout;
  const withHoldout = holdout === undefined ? [] : a.models.filter((m) => m.holdout);
  if (holdout === undefined || withHoldout.length === 0) {
    const reason = holdout === undefined
      ? 'the study has no never-used split of the original distribution (heldout study create --holdout D:S, or import --holdout SET). acc_D is unknown: the original test set S is the sample the models were selected on, so acc_S cannot estimate it.'
      : `no included model has a result on the holdout ${holdout} with its common n.`;
    return {
      formula, observed, generalization,
      adaptivity: { kind: 'not-identifiable', reason },
      distribution: {
        kind: 'not-identifiable',
        reason: `without the adaptivity gap only the sum adaptivity + distribution is known: the observed ${pct(observed.value)} minus the generalization error (±${pct(z * seNew)}). A slope above 1 with no bend toward y = x among the best models points to distribution shift rather than adaptivity (Recht et al. 2019), but does not measure it.`,
      },
    };
  }
  const names = withHoldout.map((m) => m.name);
  const perImage = (set: string) => {
    const p = a.data.predictions?.get(set);
    if (!p || !names.every((n) => p.top1.has(n))) return undefined;
    return fractionCorrect(p.labels, names.map((n) => p.top1.get(n)!));
  };
  const vo = perImage(a.data.original);
  const vh = perImage(holdout);
  const vn = perImage(a.newSet);
  const adaptPairs: PairedCounts[] = withHoldout.map((m) => ({ a: m.original, b: m.holdout! }));
  const distPairs: PairedCounts[] = withHoldout.map((m) => ({ a: m.holdout!, b: m.new }));
  const adapt = meanDifference(adaptPairs, a.alpha, vo && vh ? { a: vo, b: vh } : undefined);
  const dist = meanDifference(distPairs, a.alpha, vh && vn ? { a: vh, b: vn } : undefined);
  const subset = withHoldout.length < a.models.length ? ` (the ${withHoldout.length} of ${a.models.length} models with a holdout result)` : '';
  return {
    formula, observed, generalization,
    adaptivity: { kind: 'estimate', value: adapt.value, ci: adapt.ci, models: adapt.models, note: `mean of acc on ${a.data.original} − acc on the never-used holdout ${holdout}${subset}; the holdout stands in for acc_D.` },
    distribution: { kind: 'estimate', value: dist.value, ci: dist.ci, models: dist.models, note: `mean of acc on ${holdout} − acc on ${a.newSet}${subset}: the remainder, attributed to distribution shift; its interval includes the new set's sampling error.` },
  };
}
