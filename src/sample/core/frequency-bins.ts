/**
 * ImageNetV2's MatchedFrequency bins (`sample_dataset.py`): edges [0.2, 0.4, 0.6, 0.8] make five bins; a value goes
 * to the first bin whose edge it is below, so values ≥ 0.8 land in the last bin.
 */
export const FREQUENCY_BIN_EDGES = [0.2, 0.4, 0.6, 0.8] as const;

/** Number of bins (one more than edges). */
export const BIN_COUNT = FREQUENCY_BIN_EDGES.length + 1;

/** Labels for reports: `[0, 0.2)`, …, `[0.8, 1]`. */
export const BIN_LABELS: readonly string[] = Array.from({ length: BIN_COUNT }, (_, b) => {
  const lo = b === 0 ? 0 : FREQUENCY_BIN_EDGES[b - 1]!;
  return b === BIN_COUNT - 1 ? `[${lo}, 1]` : `[${lo}, ${FREQUENCY_BIN_EDGES[b]!})`;
});

/** The bin of a selection frequency. */
export function binOf(frequency: number): number {
  for (let b = 0; b < FREQUENCY_BIN_EDGES.length; b++) if (frequency < FREQUENCY_BIN_EDGES[b]!) return b;
  return BIN_COUNT - 1;
}

/** Counts per bin of some frequencies. */
export function histogram(frequencies: Iterable<number>): number[] {
  const counts = new Array<number>(BIN_COUNT).fill(0);
  for (const f of frequencies) counts[binOf(f)]!++;
  return counts;
}
