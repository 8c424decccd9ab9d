/**
 * Selection frequency exactly as ImageNetV2's `mturk_data.py`: for an (image, class) pair, the number of valid
 * assignments that selected the image divided by the number of valid assignments that showed it, summed over every
 * task of that class. Valid = submitted or approved; rejected (and abandoned) assignments are left out.
 *
 * Two input shapes, one result. Both are columnar typed arrays (no per-vote objects), so 15 million image-votes are
 * one tight loop; pairs are numbered by the caller (one index per (image, wnid)).
 */
export interface PairCounts {
  /** Valid assignments that selected the pair's image, per pair. */
  readonly selected: Uint32Array;
  /** Valid assignments that showed it: n, the number of annotations. */
  readonly shown: Uint32Array;
}

/** One row per shown image per assignment ("image-votes"), with its 0/1 answer. */
export interface ImageVoteColumns {
  readonly pairCount: number;
  readonly pair: Int32Array | Uint32Array;
  readonly assignment: Int32Array | Uint32Array;
  readonly selected: Uint8Array;
  /** 1 where the assignment counts (submitted/approved), per assignment. */
  readonly assignmentValid: Uint8Array;
}

/** Selection counts from image-vote rows. */
export function frequenciesFromImageVotes(v: ImageVoteColumns): PairCounts {
  const selected = new Uint32Array(v.pairCount);
  const shown = new Uint32Array(v.pairCount);
  const { pair, assignment, assignmentValid } = v;
  const sel = v.selected;
  const n = pair.length;
  if (assignment.length !== n || sel.length !== n) throw new RangeError('image-vote columns differ in length');
  for (let i = 0; i < n; i++) {
    if (assignmentValid[assignment[i]!] !== 1) continue;
    const p = pair[i]!;
    shown[p]!++;
    selected[p]! += sel[i]!;
  }
  return { selected, shown };
}

/**
 * The stored shape: every assignment shows every image of its task, and only selections are stored. Task images are
 * given per task (CSR: images of task t are `taskImagePair[taskStart[t] .. taskStart[t+1])`); a vote names an
 * assignment and a task-image index.
 */
export interface TaskVoteColumns {
  readonly pairCount: number;
  readonly taskStart: Int32Array;
  readonly taskImagePair: Int32Array;
  readonly assignmentTask: Int32Array;
  readonly assignmentValid: Uint8Array;
  readonly voteAssignment: Int32Array;
  readonly voteTaskImage: Int32Array;
}

/** Selection counts from tasks, assignments and stored selections; equals {@link frequenciesFromImageVotes}. */
export function frequenciesFromTasks(v: TaskVoteColumns): PairCounts {
  const selected = new Uint32Array(v.pairCount);
  const shown = new Uint32Array(v.pairCount);
  const tasks = v.taskStart.length - 1;
  const validPerTask = new Uint32Array(Math.max(0, tasks));
  for (let a = 0; a < v.assignmentTask.length; a++) if (v.assignmentValid[a] === 1) validPerTask[v.assignmentTask[a]!]!++;
  for (let t = 0; t < tasks; t++) {
    const k = validPerTask[t]!;
    if (k === 0) continue;
    for (let j = v.taskStart[t]!; j < v.taskStart[t + 1]!; j++) shown[v.taskImagePair[j]!]! += k;
  }
  for (let i = 0; i < v.voteAssignment.length; i++) {
    if (v.assignmentValid[v.voteAssignment[i]!] !== 1) continue;
    selected[v.taskImagePair[v.voteTaskImage[i]!]!]!++;
  }
  return { selected, shown };
}

/** The database-aggregated shape: valid assignments per task and valid selections per task image. */
export interface TaskCountColumns {
  readonly pairCount: number;
  readonly taskStart: Int32Array;
  readonly taskImagePair: Int32Array;
  readonly validPerTask: Int32Array | Uint32Array;
  /** Per task image (same index as `taskImagePair`). */
  readonly selectedPerTaskImage: Int32Array | Uint32Array;
}

/** Selection counts from per-task and per-task-image counts; equals the other two forms on the same data. */
export function frequenciesFromTaskCounts(v: TaskCountColumns): PairCounts {
  const selected = new Uint32Array(v.pairCount);
  const shown = new Uint32Array(v.pairCount);
  for (let t = 0; t + 1 < v.taskStart.length; t++) {
    const k = v.validPerTask[t]!;
    for (let j = v.taskStart[t]!; j < v.taskStart[t + 1]!; j++) {
      const p = v.taskImagePair[j]!;
      shown[p]! += k;
      selected[p]! += v.selectedPerTaskImage[j]!;
    }
  }
  return { selected, shown };
}

/** selected / shown, or NaN for a pair nobody has seen yet (no annotations is not a frequency of 0). */
export function frequencyOf(c: PairCounts, pair: number): number {
  const n = c.shown[pair]!;
  return n === 0 ? Number.NaN : c.selected[pair]! / n;
}

/** ImageNetV2's MatchedFrequency bin edges: a value goes to the first bin whose edge it is below; ≥ 0.8 is the last. */
export const FREQUENCY_BIN_EDGES = [0.2, 0.4, 0.6, 0.8] as const;

/** Histogram of frequencies over {@link FREQUENCY_BIN_EDGES} (5 bins); NaN values are skipped. */
export function frequencyHistogram(values: Iterable<number>, edges: readonly number[] = FREQUENCY_BIN_EDGES): number[] {
  const bins = new Array<number>(edges.length + 1).fill(0);
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    let b = 0;
    while (b < edges.length && v >= edges[b]!) b++;
    bins[b]!++;
  }
  return bins;
}
