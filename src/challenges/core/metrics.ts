import type { Direction } from '../../stats/rank-with-ties.js';

/** How a challenge ranks: accuracy or error at top-k. Error is 1 − accuracy, so both share one correctness vector. */
export interface MetricDefinition {
  readonly label: string;
  /** Guess slots that count: an image is right when its label is among the first k guesses. */
  readonly k: number;
  readonly report: 'accuracy' | 'error';
  /** Direction of the reported number (error: lower is better). */
  readonly direction: Direction;
}

/** The metrics a challenge config may name (`metric:`), as a typed registry. */
export const METRICS = {
  'top1-accuracy': { label: 'top-1 accuracy', k: 1, report: 'accuracy', direction: 'higher-is-better' },
  'top5-accuracy': { label: 'top-5 accuracy', k: 5, report: 'accuracy', direction: 'higher-is-better' },
  'top1-error': { label: 'top-1 error', k: 1, report: 'error', direction: 'lower-is-better' },
  'top5-error': { label: 'top-5 error', k: 5, report: 'error', direction: 'lower-is-better' },
} as const satisfies Record<string, MetricDefinition>;

export type MetricName = keyof typeof METRICS;
export const METRIC_NAMES = Object.keys(METRICS) as [MetricName, ...MetricName[]];

/** A value in the metric's terms with its interval: accuracy as is, error as 1 − accuracy with the interval flipped. */
export function reported(metric: MetricDefinition, accuracy: number, ci: readonly [number, number]): { value: number; ci: [number, number] } {
  return metric.report === 'accuracy' ? { value: accuracy, ci: [ci[0], ci[1]] } : { value: 1 - accuracy, ci: [1 - ci[1], 1 - ci[0]] };
}
