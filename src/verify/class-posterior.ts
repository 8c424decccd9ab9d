import { dawidSkene, type DawidSkeneResult } from './core/index.js';
import { expandJudgments, type ProjectVotes } from './project-votes.js';

export interface ClassPosterior {
  /** Per pair of `votes.pairs` (NaN for pairs of other classes). */
  readonly posterior: Float64Array;
  /** Per worker id that labelled this class. */
  readonly workers: ReadonlyArray<{ readonly workerId: number; readonly sensitivity: number; readonly specificity: number; readonly positivesSeen: number; readonly negativesSeen: number }>;
  readonly result: DawidSkeneResult;
}

/**
 * Dawid–Skene two-coin posterior P(image is of `wnid`) from the valid assignments of that class, with positive
 * controls clamped to 1 and negative controls to 0 (an image that is a control anywhere in the class is clamped).
 */
export function classPosterior(v: ProjectVotes, wnid: string): ClassPosterior {
  const inClass = (k: number) => v.assignmentValid[k] === 1 && v.assignmentTask[k]! >= 0 && v.pairs[v.taskImagePair[v.taskStart[v.assignmentTask[k]!]!]!]!.wnid === wnid;
  const j = expandJudgments(v, inClass);
  const localPair = new Int32Array(v.pairs.length).fill(-1);
  const pairOf: number[] = [];
  v.pairs.forEach((p, i) => {
    if (p.wnid !== wnid) return;
    localPair[i] = pairOf.length;
    pairOf.push(i);
  });
  const workerIndex = new Map<number, number>();
  const item = new Int32Array(j.assignment.length);
  const worker = new Int32Array(j.assignment.length);
  for (let o = 0; o < j.assignment.length; o++) {
    const wid = v.assignments[j.assignment[o]!]!.worker_id;
    let w = workerIndex.get(wid);
    if (w === undefined) workerIndex.set(wid, (w = workerIndex.size));
    worker[o] = w;
    item[o] = localPair[v.taskImagePair[j.taskImage[o]!]!]!;
  }
  const clamp = new Int8Array(pairOf.length).fill(-1);
  pairOf.forEach((p, i) => {
    const roles = v.pairs[p]!.roles;
    if (roles.includes('positive')) clamp[i] = 1;
    else if (roles.includes('negative')) clamp[i] = 0;
  });
  const result = dawidSkene({ items: pairOf.length, workers: workerIndex.size, item, worker, y: j.selected, clamp });
  const posterior = new Float64Array(v.pairs.length).fill(Number.NaN);
  pairOf.forEach((p, i) => (posterior[p] = result.posterior[i]!));
  const workers = [...workerIndex].map(([workerId, w]) => ({
    workerId, sensitivity: result.sensitivity[w]!, specificity: result.specificity[w]!,
    positivesSeen: result.positivesSeen[w]!, negativesSeen: result.negativesSeen[w]!,
  }));
  return { posterior, workers, result };
}
