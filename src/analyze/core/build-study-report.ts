import { binomialInterval } from '../../stats/binomial-interval.js';
import { bootstrapFitBand } from '../../stats/bootstrap-fit-band.js';
import { effectiveRobustness } from '../../stats/effective-robustness.js';
import { kendallTau, spearmanRho, type RankCorrelation } from '../../stats/rank-correlation.js';
import { seededRng } from '../../stats/rng.js';
import { getTransform } from '../../stats/transforms.js';
import { gapTest } from '../../challenges/core/audit.js';
import { decompose } from './gap-decomposition.js';
import { fractionCorrect, meanDifference, type PairedCounts } from './mean-difference.js';
import { selectModels, type Exclusion } from './select-models.js';
import { similarityOf } from './similarity.js';
import { DEFAULT_REPORT_OPTIONS, type CountRow, type ReportOptions, type StudyData } from './study-data.js';
import { REPORT_VERSION, tuple, type AccuracyJson, type FitJson, type ModelRow, type RankCorrelationJson, type StudyReport } from './study-report.js';

/** Points of the plotted fit band, evenly spaced on the transformed scale between the extreme original accuracies. */
const BAND_POINTS = 61;

/** α = 1 − confidence, rounded so 0.95 gives exactly 0.05. */
export function alphaOf(confidence: number): number {
  return Number((1 - confidence).toPrecision(15));
}

/**
 * The replication report of one study for one new test set: per-model accuracies, drops and effective robustness,
 * the fit of new on original accuracy with its bootstrap band, the mean drop, rank agreement, the gap decomposition
 * and model similarity. Pure and deterministic: the seed fixes every bootstrap. Throws RangeError on input that
 * cannot make a report (unknown new set, fewer than 2 models with results on both sets, bad options).
 */
export function buildStudyReport(data: StudyData, options: Partial<ReportOptions> = {}): StudyReport {
  const o: ReportOptions = { ...DEFAULT_REPORT_OPTIONS, ...options };
  // `--new D` names D's test split when the study holds dataset:split sets (as `study create` stores them).
  const asked = o.newSet;
  const newSet = asked === undefined ? data.newSets[0] : data.newSets.includes(asked) ? asked : data.newSets.find((s) => s === `${asked}:test`) ?? asked;
  if (newSet === undefined) throw new RangeError(`study ${data.name} has no new test set`);
  if (!data.newSets.includes(newSet)) throw new RangeError(`study ${data.name} has no new test set ${newSet} (it has ${data.newSets.join(', ')})`);
  if (!(o.confidence > 0 && o.confidence < 1)) throw new RangeError(`confidence must be strictly between 0 and 1, got ${o.confidence}`);
  const alpha = alphaOf(o.confidence);
  getTransform(o.transform);

  const selection = selectModels(data.counts, [data.original, newSet]);
  const excluded: Exclusion[] = [...selection.excluded];
  if (selection.included.length < 2) {
    throw new RangeError(`study ${data.name}: ${selection.included.length} model(s) have results on both ${data.original} and ${newSet}; a fit needs at least 2${excluded.length ? ` (excluded: ${excluded.map((e) => `${e.model}: ${e.reason}`).join('; ')})` : ''}`);
  }
  const acc = (r: CountRow): AccuracyJson => ({ correct: r.correct, n: r.n, accuracy: r.correct / r.n, ci: tuple(binomialInterval(r.correct, r.n, { method: o.interval, alpha })) });

  // The fit's domain: under probit/logit an accuracy of exactly 0 or 1 is infinite; excluded unless clipped.
  const open = getTransform(o.transform).openUnit && o.clip === undefined;
  const inDomain = (r: CountRow) => !open || (r.correct > 0 && r.correct < r.n);
  const fitModels = selection.included.filter(({ model, counts }) => {
    const bad = [data.original, newSet].filter((s) => !inDomain(counts.get(s)!));
    if (bad.length > 0) {
      excluded.push({ model, kind: 'fit-domain', reason: `accuracy ${bad.map((s) => `${counts.get(s)!.correct / counts.get(s)!.n} on ${s}`).join(' and ')} is infinite under ${o.transform}; left out of the fit (use --clip to clamp)` });
      return false;
    }
    return true;
  });
  if (fitModels.length < 2) throw new RangeError(`study ${data.name}: only ${fitModels.length} model(s) can enter the ${o.transform} fit; a fit needs at least 2`);
  const fx = fitModels.map(({ counts }) => counts.get(data.original)!.correct / counts.get(data.original)!.n);
  const fy = fitModels.map(({ counts }) => counts.get(newSet)!.correct / counts.get(newSet)!.n);
  const names = fitModels.map((m) => m.model);
  const t = getTransform(o.transform);
  const clip = o.clip;
  const clamp = (v: number) => (clip === undefined || !t.openUnit ? v : Math.min(Math.max(v, clip), 1 - clip));
  const g0 = t.forward(clamp(Math.min(...fx)));
  const g1 = t.forward(clamp(Math.max(...fx)));
  const grid = Array.from({ length: BAND_POINTS }, (_, j) => t.inverse(g0 + ((g1 - g0) * j) / (BAND_POINTS - 1)));
  const band = bootstrapFitBand(fx, fy, { transform: o.transform, clip, names, rng: seededRng(o.seed), grid, resamples: o.resamples, alpha });
  const er = effectiveRobustness(band.fit, fx, fy, names);
  const erOf = new Map(names.map((n, i) => [n, er[i]!]));
  const fit: FitJson = {
    transform: o.transform, slope: band.fit.slope, intercept: band.fit.intercept, r2: band.fit.r2,
    residualSe: Number.isNaN(band.fit.residualSe) ? null : band.fit.residualSe, n: band.fit.n, clip: band.fit.clip ?? null,
    slopeCi: tuple(band.slope), interceptCi: tuple(band.intercept),
    band: { x: [...band.grid], lower: [...band.lower], upper: [...band.upper] },
    resamples: band.resamples, redrawn: band.redrawn, seed: o.seed,
  };

  const holdoutN = data.holdout === undefined ? undefined : selectModels(data.counts, [data.holdout]).setN.get(data.holdout);
  const models: ModelRow[] = selection.included.map(({ model, counts }) => {
    const orig = counts.get(data.original)!;
    const fresh = counts.get(newSet)!;
    const hold = data.holdout === undefined ? undefined : data.counts.find((r) => r.model === model && r.testSet === data.holdout && r.n === holdoutN);
    const g = gapTest({ submissionId: 0, label: model, publicCorrect: orig.correct, publicN: orig.n, privateCorrect: fresh.correct, privateN: fresh.n }, alpha);
    const e = erOf.get(model);
    return {
      name: model, original: acc(orig), new: acc(fresh), ...(hold ? { holdout: acc(hold) } : {}),
      drop: { value: g.gap, ci: g.ci, pValue: g.pValue },
      effectiveRobustness: e ?? null, predicted: e === undefined ? null : fresh.correct / fresh.n - e, inFit: e !== undefined,
    };
  }).sort((a, b) => b.original.accuracy - a.original.accuracy || a.name.localeCompare(b.name));

  // Per-image fractions of models correct exist when every included model has predictions on both sets.
  const included = models.map((m) => m.name);
  const perImage = (set: string) => {
    const p = data.predictions?.get(set);
    if (!p || !included.every((m) => p.top1.has(m))) return undefined;
    return fractionCorrect(p.labels, included.map((m) => p.top1.get(m)!));
  };
  const vo = perImage(data.original);
  const vn = perImage(newSet);
  const pairs: PairedCounts[] = models.map((m) => ({ a: m.original, b: m.new }));
  const meanDrop = {
    ...meanDifference(pairs, alpha, vo && vn ? { a: vo, b: vn } : undefined),
    definition: 'mean over the included models of (original accuracy − new accuracy); positive means the models lost accuracy on the new test set',
  };

  const ox = models.map((m) => m.original.accuracy);
  const ny = models.map((m) => m.new.accuracy);
  const rank = (r: RankCorrelation, method: string): RankCorrelationJson => ({
    estimate: Number.isNaN(r.estimate) ? null : r.estimate, ci: r.ci ? tuple(r.ci) : null, n: r.n, method,
  });

  return {
    version: REPORT_VERSION,
    study: data.name,
    source: data.source,
    description: data.description ?? '',
    original: { name: data.original, n: selection.setN.get(data.original)! },
    new: { name: newSet, n: selection.setN.get(newSet)! },
    newSets: data.newSets,
    holdout: data.holdout === undefined ? null : { name: data.holdout, n: holdoutN ?? null },
    settings: { transform: o.transform, confidence: o.confidence, interval: o.interval, bootstrap: { resamples: o.resamples, seed: o.seed }, clip: clip ?? null },
    models,
    excluded,
    fit,
    meanDrop,
    rankAgreement: {
      kendallTau: rank(kendallTau(ox, ny, { alpha }), 'Kendall τ-b; Fisher-z interval, se = √(0.437/(n − 4))'),
      spearmanRho: rank(spearmanRho(ox, ny, { alpha }), 'Spearman ρ (average ranks); Fisher-z interval, se = √((1 + ρ²/2)/(n − 3))'),
    },
    decomposition: decompose({ data, models, newSet, meanDrop, alpha, vo, vn }),
    similarity: similarityOf(data, models),
  };
}
