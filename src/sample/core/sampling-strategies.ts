/**
 * The sampling strategies, by CLI name (a typed registry: the CLI, API and docs list them from here). `letter` is
 * ImageNetV2's dataset letter (imagenetv2-a-44 = Threshold0.7, b-33 = MatchedFrequency, c-12 = TopImages).
 */
export const SAMPLING_STRATEGIES = {
  'matched-frequency': {
    letter: 'b',
    description: 'per class, match the reference images\' selection-frequency histogram (bins [0.2, 0.4, 0.6, 0.8]), seeded sampling per bin, upward fill',
  },
  threshold: {
    letter: 'a',
    description: 'uniform seeded sample among images with selection frequency ≥ τ (default 0.7; per-class overrides)',
  },
  top: {
    letter: 'c',
    description: 'the k images with the highest (frequency, annotations, in previous revision, id)',
  },
} as const;

export type SamplingStrategy = keyof typeof SAMPLING_STRATEGIES;

export function isSamplingStrategy(name: string): name is SamplingStrategy {
  return Object.hasOwn(SAMPLING_STRATEGIES, name);
}
