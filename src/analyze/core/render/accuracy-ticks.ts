/** Tick values in accuracy for probit/logit axes: dense near 0 and 1, where those scales stretch. */
const OPEN_UNIT_TICKS = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.998, 0.999];

/**
 * Accuracy values to label on an axis spanning [lo, hi] (accuracies) at most `max` ticks. Linear axes get a round
 * step; probit/logit axes get the accuracies of {@link OPEN_UNIT_TICKS} inside the range, thinned evenly.
 */
export function accuracyTicks(lo: number, hi: number, openUnit: boolean, max = 9): number[] {
  if (!openUnit) {
    const span = hi - lo;
    const step = [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.25].find((s) => span / s <= max) ?? 0.5;
    const out: number[] = [];
    for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + 1e-12; v += step) out.push(Number(v.toFixed(6)));
    return out;
  }
  let ticks = OPEN_UNIT_TICKS.filter((v) => v >= lo && v <= hi);
  if (ticks.length < 3) {
    // A narrow range: use a round linear step inside it.
    return accuracyTicks(lo, hi, false, max).filter((v) => v > 0 && v < 1);
  }
  while (ticks.length > max) ticks = ticks.filter((_, i) => i % 2 === 0);
  return ticks;
}
