import type { ClassSet } from '../classes/class-set.js';
import { labelDecoder } from '../formats/predictions/label-decoder.js';
import { alignForCounting } from './core/align-to-labels.js';
import type { IntervalOptions } from './core/proportion.js';
import { scorePredictions, type ScoreResult } from './core/score-predictions.js';
import { labelSummary, predictionSummary, type FileSummary, type PredictionSummary, type ReadOptions } from './file-summary.js';
import { readLabels, readPredictions } from './read-table.js';

export interface ScoreReport {
  readonly classes: ClassSet;
  readonly labels: FileSummary;
  readonly predictions: PredictionSummary;
  readonly result: ScoreResult;
}

/** Reads labels and predictions, joins them, and scores them: the whole of `heldout score` except printing. */
export async function scoreFiles(labelsFile: string, predictionsFile: string, read: ReadOptions, options: { interval: IntervalOptions; perClass?: boolean; confusion?: boolean }): Promise<ScoreReport> {
  const labels = await readLabels(labelsFile, read.labelsFormat, labelDecoder(read.classes, read.labelsSpace));
  const preds = await readPredictions(predictionsFile, read.format, labelDecoder(read.classes, read.labelSpace), read.k, labels.idIndex);
  // Scores do not depend on the order of the images, so the rows may stay in the predictions' order.
  const aligned = alignForCounting(labels, preds);
  const result = scorePredictions({ ...aligned, k: read.k, numClasses: read.classes.size }, options);
  return { classes: read.classes, labels: labelSummary(labels, read), predictions: predictionSummary(preds, read), result };
}
