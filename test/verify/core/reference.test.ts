import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  countTable, dawidSkene, fleissKappa, frequenciesFromImageVotes, frequenciesFromTaskCounts, frequenciesFromTasks, krippendorffAlpha,
} from '../../../src/verify/core/index.js';

// Values from tools/reference/make_crowd_fixtures.py (numpy; run it from the repository root to regenerate).
/* eslint-disable @typescript-eslint/no-explicit-any -- fixture JSON is checked field by field */
const fx: any = JSON.parse(readFileSync(new URL('../../fixtures/crowd/reference.json', import.meta.url), 'utf8'));

const close = (actual: number, expected: number, rel = 1e-12) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));

describe('agreement coefficients vs numpy', () => {
  it.each(fx.agreement as any[])('$name', (c) => {
    const t = countTable(c.counts);
    const k = fleissKappa(t).value;
    const a = krippendorffAlpha(t).value;
    if (c.fleiss === null) expect(k).toBeNaN();
    else close(k, c.fleiss);
    if (c.krippendorff === null) expect(a).toBeNaN();
    else close(a, c.krippendorff);
    // The two textbook examples also match their published three-decimal values.
    if (c.published?.fleiss !== undefined) expect(k.toFixed(3)).toBe(c.published.fleiss.toFixed(3));
    if (c.published?.krippendorff !== undefined) expect(a.toFixed(3)).toBe(c.published.krippendorff.toFixed(3));
  });

  it('counts units and ratings that entered (units with < 2 ratings are not pairable)', () => {
    const r = krippendorffAlpha(countTable([[1, 0], [3, 2], [0, 0]]));
    expect([r.units, r.ratings]).toEqual([1, 5]);
  });
});

describe('selection frequency vs numpy bincount', () => {
  it.each(fx.frequency as any[])('case with $pairCount pairs, both input shapes', (c) => {
    const fromTasks = frequenciesFromTasks({
      pairCount: c.pairCount,
      taskStart: Int32Array.from(c.taskStart),
      taskImagePair: Int32Array.from(c.taskImagePair),
      assignmentTask: Int32Array.from(c.assignmentTask),
      assignmentValid: Uint8Array.from(c.assignmentValid),
      voteAssignment: Int32Array.from(c.voteAssignment),
      voteTaskImage: Int32Array.from(c.voteTaskImage),
    });
    const fromVotes = frequenciesFromImageVotes({
      pairCount: c.pairCount,
      pair: Int32Array.from(c.imageVotes.pair),
      assignment: Int32Array.from(c.imageVotes.assignment),
      selected: Uint8Array.from(c.imageVotes.selected),
      assignmentValid: Uint8Array.from(c.assignmentValid),
    });
    // The database-aggregated shape: valid assignments per task, valid selections per task image.
    const validPerTask = new Int32Array(c.taskStart.length - 1);
    c.assignmentTask.forEach((task: number, a: number) => { if (c.assignmentValid[a]) validPerTask[task]!++; });
    const selectedPerTaskImage = new Int32Array(c.taskImagePair.length);
    c.voteAssignment.forEach((a: number, i: number) => { if (c.assignmentValid[a]) selectedPerTaskImage[c.voteTaskImage[i]]!++; });
    const fromCounts = frequenciesFromTaskCounts({
      pairCount: c.pairCount, taskStart: Int32Array.from(c.taskStart), taskImagePair: Int32Array.from(c.taskImagePair), validPerTask, selectedPerTaskImage,
    });
    for (const r of [fromTasks, fromVotes, fromCounts]) {
      expect([...r.selected]).toEqual(c.expected.selected);
      expect([...r.shown]).toEqual(c.expected.shown);
    }
  });
});

describe('Dawid–Skene vs a vectorised numpy EM', () => {
  it.each(fx.dawidSkene as any[])('$input.items items, $input.workers workers', (c) => {
    const r = dawidSkene({
      items: c.input.items, workers: c.input.workers,
      item: Int32Array.from(c.input.item), worker: Int32Array.from(c.input.worker), y: Uint8Array.from(c.input.y),
      clamp: Int8Array.from(c.input.clamp),
    });
    expect(r.iterations).toBe(c.expected.iterations);
    expect(r.converged).toBe(c.expected.converged);
    close(r.prior, c.expected.prior, 1e-10);
    close(r.logLikelihood, c.expected.logLikelihood, 1e-10);
    [...r.posterior].forEach((v, i) => expect(Math.abs(v - c.expected.posterior[i])).toBeLessThan(1e-9));
    [...r.sensitivity].forEach((v, i) => expect(Math.abs(v - c.expected.sensitivity[i])).toBeLessThan(1e-9));
    [...r.specificity].forEach((v, i) => expect(Math.abs(v - c.expected.specificity[i])).toBeLessThan(1e-9));
  });
});
