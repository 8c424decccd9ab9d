import { proportion, type IntervalOptions, type Proportion } from './proportion.js';

/** One non-zero cell of the top-1 confusion matrix: images of class `truth` whose first guess was `predicted`. */
export interface ConfusionCell extends Proportion {
  readonly truth: number;
  /** Class index of the first guess; -1 when the image had no guess. */
  readonly predicted: number;
}

/**
 * The top-1 confusion matrix as a sparse list of non-zero cells (the diagonal included), sorted by truth then
 * predicted. Each cell is a proportion of its true class: `correct` is the cell count, `n` the images of that class,
 * `accuracy` the rate (named as in every other proportion), with an interval.
 */
export function confusionMatrix(labels: Int32Array, guesses: Int32Array, k: number, numClasses: number, interval: IntervalOptions): ConfusionCell[] {
  const cells = new Map<number, number>();
  const support = new Int32Array(numClasses);
  const width = numClasses + 1; // column numClasses = no guess
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i]!;
    const g = guesses[i * k]!;
    const key = y * width + (g < 0 ? numClasses : g);
    cells.set(key, (cells.get(key) ?? 0) + 1);
    support[y]!++;
  }
  return [...cells.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([key, count]) => {
      const truth = Math.floor(key / width);
      const col = key - truth * width;
      return { truth, predicted: col === numClasses ? -1 : col, ...proportion(count, support[truth]!, interval) };
    });
}
