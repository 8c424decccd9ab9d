import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/** A mean with its spread: n, mean, sample sd, and a 95% Student-t interval of the mean (null below n = 2). */
export interface MeanSd {
  readonly n: number;
  readonly mean: number | null;
  readonly sd: number | null;
  readonly ci: readonly [number, number] | null;
}

/** n, mean ± sd (n − 1 denominator) and the 95% t interval of the mean, computed in two passes for accuracy. */
export function meanSd(values: ArrayLike<number>, confidence = 0.95): MeanSd {
  const n = values.length;
  if (n === 0) return { n, mean: null, sd: null, ci: null };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  if (n === 1) return { n, mean, sd: null, ci: null };
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i]! - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  const half = tQuantile(1 - (1 - confidence) / 2, n - 1) * (sd / Math.sqrt(n));
  return { n, mean, sd, ci: [mean - half, mean + half] };
}
