import type { ClassSet } from '../classes/class-set.js';
import { labelDecoder } from '../formats/predictions/label-decoder.js';
import type { Rng } from '../stats/rng.js';
import { alignToLabels } from './core/align-to-labels.js';
import { comparePredictions, type PairedComparison } from './core/compare-predictions.js';
import type { IntervalOptions } from './core/proportion.js';
import { labelSummary, predictionSummary, type FileSummary, type PredictionSummary, type ReadOptions } from './file-summary.js';
import { readLabels, readPredictions } from './read-table.js';

export interface CompareReport {
  readonly classes: ClassSet;
  readonly labels: FileSummary;
  readonly a: PredictionSummary;
  readonly b: PredictionSummary;
  readonly comparisons: readonly PairedComparison[];
  readonly interval: IntervalOptions;
  readonly seed: number;
}

/** Reads labels and two prediction files and compares them on the same images: `heldout compare` except printing. */
export async function compareFiles(
  labelsFile: string,
  aFile: string,
  bFile: string,
  read: ReadOptions,
  options: { interval: IntervalOptions; rng: Rng; seed: number; resamples: number },
): Promise<CompareReport> {
  const labels = await readLabels(labelsFile, read.labelsFormat, labelDecoder(read.classes, read.labelsSpace));
  const decoder = labelDecoder(read.classes, read.labelSpace);
  const index = labels.idIndex;
  const a = await readPredictions(aFile, read.format, decoder, read.k, index);
  const ga = alignToLabels(labels, a);
  const b = await readPredictions(bFile, read.format, decoder, read.k, index);
  const gb = alignToLabels(labels, b);
  const comparisons = comparePredictions({ labels: labels.labels, a: ga, b: gb, k: read.k }, options);
  return { classes: read.classes, labels: labelSummary(labels, read), a: predictionSummary(a, read), b: predictionSummary(b, read), comparisons, interval: options.interval, seed: options.seed };
}
