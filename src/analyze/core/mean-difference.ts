import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/** A mean over models of accuracy on set A minus accuracy on set B, with its interval. */
export interface MeanDifference {
  readonly value: number;
  readonly ci: readonly [number, number];
  /** Standard error used for the interval. */
  readonly se: number;
  /**
   * `images`: from the per-image fraction of models correct on each set (the images are the random sample; exact
   * variance of the mean under independent sampling of images). `counts-conservative`: only counts exist, so the
   * models' correlation is unknown; the standard error is the mean of the per-model standard errors, the largest
   * possible (all models perfectly correlated).
   */
  readonly method: 'images' | 'counts-conservative';
  readonly models: number;
}

/** Accuracy counts of one model on the two sets. */
export interface PairedCounts {
  readonly a: { readonly correct: number; readonly n: number };
  readonly b: { readonly correct: number; readonly n: number };
}

/** Sample variance (n − 1) of the values; 0 for fewer than 2. */
function sampleVariance(v: Float64Array): number {
  if (v.length < 2) return 0;
  let m = 0;
  for (let i = 0; i < v.length; i++) m += v[i]!;
  m /= v.length;
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i]! - m) ** 2;
  return s / (v.length - 1);
}

/**
 * Mean over models of acc_A − acc_B with a normal interval at 1 − α. With `perImage` (for each set, the fraction of
 * the models correct on each image) the variance is var(v_A)/N_A + var(v_B)/N_B; otherwise the conservative bound
 * from counts. The two sets are independent samples of images.
 */
export function meanDifference(models: readonly PairedCounts[], alpha: number, perImage?: { readonly a: Float64Array; readonly b: Float64Array }): MeanDifference {
  if (models.length === 0) throw new RangeError('a mean difference needs at least one model');
  let value = 0;
  for (const m of models) value += m.a.correct / m.a.n - m.b.correct / m.b.n;
  value /= models.length;
  let se: number;
  if (perImage) {
    se = Math.sqrt(sampleVariance(perImage.a) / perImage.a.length + sampleVariance(perImage.b) / perImage.b.length);
  } else {
    se = 0;
    for (const m of models) {
      const pa = m.a.correct / m.a.n;
      const pb = m.b.correct / m.b.n;
      se += Math.sqrt((pa * (1 - pa)) / m.a.n + (pb * (1 - pb)) / m.b.n);
    }
    se /= models.length;
  }
  const z = normalQuantile(1 - alpha / 2, 0, 1);
  return { value, ci: [value - z * se, value + z * se], se, method: perImage ? 'images' : 'counts-conservative', models: models.length };
}

/** For each image, the fraction of the given models (top-1 arrays) that are correct on it. */
export function fractionCorrect(labels: Int32Array, top1s: readonly Int32Array[]): Float64Array {
  const out = new Float64Array(labels.length);
  for (const t of top1s) {
    for (let i = 0; i < labels.length; i++) if (t[i] === labels[i]) out[i]! += 1;
  }
  const k = top1s.length;
  for (let i = 0; i < out.length; i++) out[i]! /= k;
  return out;
}
