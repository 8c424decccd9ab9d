import { agreementMatrix, effectiveModels, meanOffDiagonal } from './agreement.js';
import type { StudyData } from './study-data.js';
import type { ModelRow, Similarity } from './study-report.js';

const DELTA = 0.05;

/**
 * Mania et al.'s model similarity on the original test set: pairwise top-1 agreement of the included models that
 * have per-image predictions there, the minimum their accuracies force, and the effective number of models.
 * Unavailable (with the reason) when only counts exist.
 */
export function similarityOf(data: StudyData, models: readonly ModelRow[]): Similarity {
  const p = data.predictions?.get(data.original);
  if (!p) {
    return { available: false, reason: data.source === 'import' ? 'only accuracy counts were imported; agreement needs per-image predictions' : `no per-image predictions on ${data.original}` };
  }
  const names = models.map((m) => m.name).filter((n) => p.top1.has(n));
  if (names.length < 2) return { available: false, reason: `fewer than 2 included models have per-image predictions on ${data.original}` };
  const a = agreementMatrix(names.map((n) => p.top1.get(n)!), p.labels);
  const k = a.k;
  const rows = (m: Float64Array) => Array.from({ length: k }, (_, i) => Array.from(m.subarray(i * k, (i + 1) * k)));
  const meanAgreement = meanOffDiagonal(a.agreement, k);
  const missing = models.length - names.length;
  return {
    available: true,
    testSet: data.original,
    images: a.n,
    models: names,
    agreement: rows(a.agreement),
    minimum: rows(a.minimum),
    meanAgreement,
    meanMinimum: meanOffDiagonal(a.minimum, k),
    effectiveModels: {
      value: effectiveModels(k, meanAgreement, DELTA), k, delta: DELTA,
      definition: 'k_eff solves ln(2·k_eff/δ) = 4(1 − s̄)·ln(2k/δ), clamped to [1, k], with s̄ the mean pairwise agreement and δ = 0.05: the number of independent models whose Hoeffding union bound costs as much as the Bernstein bound for k models whose 0-1 losses differ only where their predictions do (after Mania et al. 2019; a sketch of their argument, not their theorem).',
    },
    ...(missing > 0 ? { note: `${missing} included model(s) have no per-image predictions and are not in the matrix` } : {}),
  };
}
