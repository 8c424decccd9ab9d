import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClassSet } from '../../src/classes/class-set.js';
import { ilsvrcLabelsParser } from '../../src/formats/predictions/ilsvrc-labels.js';
import { ilsvrcPredictionsParser } from '../../src/formats/predictions/ilsvrc-predictions.js';
import { labelDecoder } from '../../src/formats/predictions/label-decoder.js';
import { parseAll } from '../../src/formats/predictions/tables.js';
import { alignToLabels } from '../../src/score/core/align-to-labels.js';
import { countTopK, firstCorrectRank } from '../../src/score/core/first-correct-rank.js';

const CLASSES = ClassSet.fromWnids('eight', ['n00000005', 'n00000002', 'n00000007', 'n00000001', 'n00000000', 'n00000006', 'n00000003', 'n00000004']);

/**
 * The ILSVRC devkit's eval_flat.m, transcribed: dlmread pads short rows with 0, columns beyond max_num_pred are
 * dropped, and an image's error is min over its guesses of (guess ≠ truth).
 */
function evalFlat(predLines: number[][], truth: number[], maxPred: number): number {
  const width = Math.max(...predLines.map((r) => r.length));
  let errors = 0;
  predLines.forEach((r, i) => {
    const padded = [...r, ...new Array(width - r.length).fill(0)].slice(0, maxPred);
    errors += Math.min(...padded.map((g) => (g !== truth[i] ? 1 : 0)));
  });
  return errors / predLines.length;
}

describe('top-k error agrees with the devkit eval_flat.m', () => {
  it('for random submissions: short rows, long rows, repeated guesses (property)', () => {
    const id = fc.integer({ min: 1, max: 8 });
    fc.assert(fc.property(
      fc.array(fc.tuple(id, fc.array(id, { minLength: 1, maxLength: 8 })), { minLength: 1, maxLength: 60 }),
      fc.integer({ min: 1, max: 6 }),
      (rows, k) => {
        const truth = rows.map((r) => r[0]);
        const guesses = rows.map((r) => r[1]);
        const labels = parseAll(ilsvrcLabelsParser({ file: 'gt', decoder: labelDecoder(CLASSES, 'devkit') }), truth.join('\n'));
        const preds = parseAll(ilsvrcPredictionsParser({ file: 'p', decoder: labelDecoder(CLASSES, 'devkit'), k }), guesses.map((g) => g.join(' ')).join('\n'));
        const rank = firstCorrectRank(labels.labels, alignToLabels(labels, preds), k);
        for (let j = 1; j <= k; j++) {
          expect(1 - countTopK(rank, j) / rows.length).toBeCloseTo(evalFlat(guesses, truth, j), 12);
        }
        expect(preds.ignoredGuesses).toBe(guesses.reduce((s, g) => s + Math.max(0, g.length - k), 0));
      },
    ), { numRuns: 300 });
  });
});
