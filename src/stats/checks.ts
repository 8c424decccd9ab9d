// Argument checks shared by the stats functions. They throw plain RangeErrors: src/stats knows
// nothing about CLI exit codes; callers that take user input wrap them (e.g. into UserError).

/** Throws unless `alpha` is strictly between 0 and 1. */
export function checkAlpha(alpha: number, what = 'alpha'): void {
  if (!(alpha > 0 && alpha < 1)) {
    throw new RangeError(`${what} must be strictly between 0 and 1, got ${alpha}`);
  }
}

/** Throws unless `v` is an integer ≥ `min` (a count such as n, k, b, c, or a number of resamples). */
export function checkInteger(v: number, what: string, min = 0): void {
  if (!Number.isSafeInteger(v) || v < min) {
    throw new RangeError(`${what} must be an integer ≥ ${min}, got ${v}`);
  }
}

/**
 * Throws unless every element of `v` is 0 or 1. Correctness vectors are Uint8Array with
 * 1 = correct (or, for losses, 1 = wrong); a stray 2 or 255 would silently skew every count.
 */
export function checkBinary(v: Uint8Array, what: string): void {
  for (let i = 0; i < v.length; i++) {
    if (v[i]! > 1) throw new RangeError(`${what}[${i}] must be 0 or 1, got ${v[i]}`);
  }
}

/** Throws unless `a` and `b` are both binary and of the same, non-zero length (paired data). */
export function checkPaired(a: Uint8Array, b: Uint8Array, names: readonly [string, string] = ['a', 'b']): void {
  if (a.length !== b.length) {
    throw new RangeError(`paired vectors must have the same length: ${names[0]} has ${a.length}, ${names[1]} has ${b.length}`);
  }
  if (a.length === 0) throw new RangeError('paired vectors must not be empty');
  checkBinary(a, names[0]);
  checkBinary(b, names[1]);
}
