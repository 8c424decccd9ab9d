import type { Interval, Rng } from '../../stats/index.js';
import { quantileSorted } from '../../stats/index.js';
import { pickUnits, type CountTable } from './count-table.js';
import type { AgreementValue } from './fleiss-kappa.js';

/**
 * Percentile bootstrap interval for an agreement coefficient, resampling units (images) with replacement. Units are
 * the independent draws in a crowd study (raters differ from unit to unit), so they are what gets resampled.
 * Resamples whose coefficient is undefined are skipped; undefined when fewer than half of them are defined.
 */
export function agreementInterval(
  t: CountTable,
  coefficient: (t: CountTable) => AgreementValue,
  rng: Rng,
  { resamples = 1000, alpha = 0.05 }: { resamples?: number; alpha?: number } = {},
): Interval | undefined {
  if (t.units === 0) return undefined;
  const values: number[] = [];
  const idx = new Int32Array(t.units);
  for (let b = 0; b < resamples; b++) {
    for (let j = 0; j < t.units; j++) idx[j] = rng.int(t.units);
    const v = coefficient(pickUnits(t, idx)).value;
    if (!Number.isNaN(v)) values.push(v);
  }
  if (values.length < resamples / 2) return undefined;
  values.sort((x, y) => x - y);
  return { lower: quantileSorted(values, alpha / 2), upper: quantileSorted(values, 1 - alpha / 2) };
}
