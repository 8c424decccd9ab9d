import { SPLIT_CODES, type LeaderboardSplit } from './split-assignment.js';

/** One board's slice of a per-image vector: the images whose assignment code matches, in label order. */
export function sliceBySplit<T extends Uint8Array | Int32Array>(values: T, assignment: string, split: LeaderboardSplit): T {
  const code = SPLIT_CODES[split].charCodeAt(0);
  let n = 0;
  for (let i = 0; i < assignment.length; i++) if (assignment.charCodeAt(i) === code) n++;
  const out = new (values.constructor as new (n: number) => T)(n);
  for (let i = 0, j = 0; i < assignment.length; i++) if (assignment.charCodeAt(i) === code) out[j++] = values[i]!;
  return out;
}

/** Sum of a 0/1 vector. */
export function countOnes(v: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]!;
  return s;
}
