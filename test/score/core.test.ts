import { describe, expect, it } from 'vitest';
import { ClassSet } from '../../src/classes/class-set.js';
import { UserError } from '../../src/errors.js';
import { csvLabelsParser } from '../../src/formats/predictions/csv-labels.js';
import { csvPredictionsParser } from '../../src/formats/predictions/csv-predictions.js';
import { labelDecoder } from '../../src/formats/predictions/label-decoder.js';
import { parseAll } from '../../src/formats/predictions/tables.js';
import type { LabelTable, PredictionTable } from '../../src/formats/predictions/tables.js';
import { seededRng } from '../../src/stats/rng.js';
import { binomialInterval } from '../../src/stats/binomial-interval.js';
import { mcnemarExact, mcnemarChiSquare } from '../../src/stats/mcnemar.js';
import { alignToLabels } from '../../src/score/core/align-to-labels.js';
import { comparePredictions } from '../../src/score/core/compare-predictions.js';
import { confusionMatrix } from '../../src/score/core/confusion-matrix.js';
import { firstCorrectRank, NO_MATCH, correctAtK } from '../../src/score/core/first-correct-rank.js';
import { proportion, DEFAULT_INTERVAL } from '../../src/score/core/proportion.js';
import { scorePredictions } from '../../src/score/core/score-predictions.js';

const labels = Int32Array.of(0, 1, 2, 1);
// k = 2: right at 1, right at 2, wrong, no second guess and wrong.
const guesses = Int32Array.of(0, 1, 2, 1, 1, 0, 2, -1);

describe('firstCorrectRank', () => {
  it('finds the first matching slot; a repeated guess matches once', () => {
    expect(Array.from(firstCorrectRank(labels, guesses, 2))).toEqual([0, 1, NO_MATCH, NO_MATCH]);
    expect(Array.from(firstCorrectRank(Int32Array.of(3), Int32Array.of(3, 3, 3), 3))).toEqual([0]);
    expect(Array.from(correctAtK(Uint8Array.of(0, 1, NO_MATCH), 2))).toEqual([1, 1, 0]);
  });

  it('refuses inconsistent shapes', () => {
    expect(() => firstCorrectRank(labels, guesses, 3)).toThrow(RangeError);
    expect(() => firstCorrectRank(labels, guesses, 0)).toThrow(RangeError);
  });
});

describe('scorePredictions', () => {
  it('reports top-1 and top-k with the stats module\'s intervals', () => {
    const r = scorePredictions({ labels, guesses, k: 2, numClasses: 3 }, { interval: DEFAULT_INTERVAL });
    expect(r.n).toBe(4);
    expect(r.accuracy.map((a) => [a.k, a.correct, a.accuracy, a.error])).toEqual([[1, 1, 0.25, 0.75], [2, 2, 0.5, 0.5]]);
    const ci = binomialInterval(1, 4, { method: 'clopper-pearson', alpha: 0.05 });
    expect(r.accuracy[0]!.ci).toEqual([ci.lower, ci.upper]);
    expect(r.perClass).toBeUndefined();
  });

  it('takes any method and confidence level', () => {
    const p = proportion(7, 9, { method: 'wilson', confidence: 0.9 });
    const ci = binomialInterval(7, 9, { method: 'wilson', alpha: 0.1 });
    expect(p.ci[0]).toBeCloseTo(ci.lower, 15);
    expect(p.ci[1]).toBeCloseTo(ci.upper, 15);
  });

  it('reports per-class accuracy for the classes present', () => {
    const r = scorePredictions({ labels, guesses, k: 2, numClasses: 5 }, { interval: DEFAULT_INTERVAL, perClass: true });
    expect(r.perClass!.map((c) => [c.index, c.n, c.top.map((p) => p.correct)])).toEqual([[0, 1, [1, 1]], [1, 2, [0, 1]], [2, 1, [0, 0]]]);
  });

  it('reports the sparse top-1 confusion matrix, rows as proportions of the true class', () => {
    const cells = confusionMatrix(labels, guesses, 2, 3, DEFAULT_INTERVAL);
    expect(cells.map((c) => [c.truth, c.predicted, c.correct, c.n])).toEqual([[0, 0, 1, 1], [1, 2, 2, 2], [2, 1, 1, 1]]);
    const none = confusionMatrix(Int32Array.of(1), Int32Array.of(-1), 1, 3, DEFAULT_INTERVAL);
    expect(none[0]).toMatchObject({ truth: 1, predicted: -1, correct: 1, n: 1 });
  });
});

function labelTable(ids: string[] | undefined, values: number[]): LabelTable {
  return { kind: 'labels', file: 'l.csv', format: ids ? 'csv' : 'ilsvrc', join: ids ? 'id' : 'position', n: values.length, labels: Int32Array.from(values), ...(ids ? { ids, lines: Int32Array.from(ids, (_, i) => i + 2) } : {}) };
}

function predTable(ids: string[] | undefined, rows: number[][]): PredictionTable {
  return {
    kind: 'predictions', file: 'p.csv', format: ids ? 'csv' : 'ilsvrc', join: ids ? 'id' : 'position', n: rows.length, k: 1, guesses: Int32Array.from(rows.flat()),
    ignoredGuesses: 0, repeatedGuesses: 0, rowsWithFewerGuesses: 0, ...(ids ? { ids, lines: Int32Array.from(ids, (_, i) => i + 2) } : {}),
  };
}

describe('alignToLabels', () => {
  const msg = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      return (e as Error).message;
    }
    throw new Error('no error');
  };

  it('joins by position, or by id in any order', () => {
    expect(Array.from(alignToLabels(labelTable(undefined, [1, 2]), predTable(undefined, [[2], [1]])))).toEqual([2, 1]);
    expect(Array.from(alignToLabels(labelTable(['a', 'b', 'c'], [0, 1, 2]), predTable(['c', 'a', 'b'], [[2], [0], [1]])))).toEqual([0, 1, 2]);
  });

  it('names the problem: row counts, unknown, repeated and missing ids, keyed vs ordered', () => {
    expect(msg(() => alignToLabels(labelTable(undefined, [1, 2]), predTable(undefined, [[1]])))).toBe('p.csv has 1 rows but l.csv has 2 labels; line i of the predictions must be image i of the labels');
    expect(msg(() => alignToLabels(labelTable(['a', 'b'], [0, 1]), predTable(['a', 'x'], [[0], [1]])))).toBe('p.csv:3: image_id "x" is not in l.csv');
    expect(msg(() => alignToLabels(labelTable(['a', 'b'], [0, 1]), predTable(['b', 'b'], [[0], [1]])))).toBe('p.csv:3: image_id "b" appears twice (first on line 2)');
    expect(msg(() => alignToLabels(labelTable(['a', 'b', 'c'], [0, 1, 2]), predTable(['c'], [[0]])))).toBe('p.csv has no prediction for 2 labelled image(s), the first being "a" (l.csv:2)');
    expect(msg(() => alignToLabels(labelTable(['a'], [0]), predTable(undefined, [[0]])))).toBe('l.csv is keyed by image_id (csv) but p.csv is ordered by row (ilsvrc); give both files keyed by image_id, or both ordered');
  });
});

describe('alignToLabels with rows matched while parsing', () => {
  const classes = ClassSet.fromWnids('three', ['n00000003', 'n00000001', 'n00000002']);
  const d = labelDecoder(classes, 'devkit');
  const labels = parseAll(csvLabelsParser({ file: 'l.csv', decoder: d }), 'image_id,label\na,1\nb,2\nc,3\n');
  const preds = (text: string) => parseAll(csvPredictionsParser({ file: 'p.csv', decoder: d, k: 1, labelIds: labels.idIndex! }), `image_id,pred1\n${text}`);
  const message = (text: string) => {
    try {
      alignToLabels(labels, preds(text));
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      return (e as Error).message;
    }
    return 'no error';
  };

  it('scatters rows into label order, or returns the guesses as they are when already in order', () => {
    const inOrder = preds('a,3\nb,2\nc,1\n');
    expect(alignToLabels(labels, inOrder)).toBe(inOrder.guesses);
    expect(Array.from(alignToLabels(labels, preds('c,1\na,3\nb,2\n')))).toEqual([1, 0, 2]);
  });

  it('reports unknown, repeated and missing ids with lines', () => {
    expect(message('a,1\nzz,1\nb,1\nc,1\n')).toBe('p.csv:3: image_id "zz" is not in l.csv');
    expect(message('a,1\nb,1\na,1\n')).toBe('p.csv:4: image_id "a" appears twice (first on line 2)');
    expect(message('c,1\n')).toBe('p.csv has no prediction for 2 labelled image(s), the first being "a" (l.csv:2)');
  });
});

describe('comparePredictions', () => {
  const y = Int32Array.from({ length: 200 }, (_, i) => i % 3);
  // A is right on 150 images, B on 120; A right & B wrong on 50, B right & A wrong on 20.
  const a = Int32Array.from(y, (v, i) => (i < 150 ? v : (v + 1) % 3));
  const b = Int32Array.from(y, (v, i) => (i >= 100 && i < 150 ? (v + 1) % 3 : i >= 150 && i < 170 ? v : i < 100 ? v : (v + 1) % 3));

  it('counts discordant pairs and runs both McNemar tests', () => {
    const [top1] = comparePredictions({ labels: y, a, b, k: 1 }, { interval: DEFAULT_INTERVAL, rng: seededRng(7), resamples: 2000 });
    expect(top1).toMatchObject({ k: 1, onlyA: 50, onlyB: 20 });
    expect(top1!.a.correct).toBe(150);
    expect(top1!.b.correct).toBe(120);
    expect(top1!.mcnemarExact).toEqual(mcnemarExact(50, 20));
    expect(top1!.mcnemarChiSquare).toEqual(mcnemarChiSquare(50, 20));
    expect(top1!.difference.estimate).toBeCloseTo(0.15, 15);
    expect(top1!.difference.ci[0]).toBeLessThan(0.15);
    expect(top1!.difference.ci[1]).toBeGreaterThan(0.15);
  });

  it('is reproducible from the seed', () => {
    const run = (seed: number) => comparePredictions({ labels: y, a, b, k: 1 }, { interval: DEFAULT_INTERVAL, rng: seededRng(seed), resamples: 500 })[0]!.difference.ci;
    expect(run(3)).toEqual(run(3));
    expect(run(3)).not.toEqual(run(4));
  });
});
