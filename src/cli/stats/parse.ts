// Strict parsing of the numbers `heldout stats` reads from flags and CSV cells. Every failure is a UserError whose
// message starts with the place the value came from: a flag ("--k") or a CSV cell ("intervals.csv:7: k").
import { UserError } from '../../errors.js';
import { decimalToRational } from '../../stats/rational.js';

/** A plain decimal: no hex, no "Infinity", no empty string (Number() would turn all of these into numbers). */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A finite number written as a decimal. `label` names where the text came from. */
export function parseNumber(text: string, label: string): number {
  const t = text.trim();
  const v = DECIMAL.test(t) ? Number(t) : Number.NaN;
  if (!Number.isFinite(v)) throw new UserError(`${label} must be a number, got ${JSON.stringify(text)}`);
  return v;
}

/** A count: an integer ≥ `min` (written "12" or "12.0", as pandas writes integer columns with gaps). */
export function parseCount(text: string, label: string, min = 0): number {
  const t = text.trim();
  const v = DECIMAL.test(t) ? Number(t) : Number.NaN;
  if (!Number.isSafeInteger(v) || v < min) throw new UserError(`${label} must be an integer ≥ ${min}, got ${JSON.stringify(text)}`);
  return v;
}

/** A probability strictly between 0 and 1 (alpha, confidence). */
export function parseUnitOpen(text: string, label: string): number {
  const v = parseNumber(text, label);
  if (!(v > 0 && v < 1)) throw new UserError(`${label} must be strictly between 0 and 1, got ${JSON.stringify(text)}`);
  return v;
}

/**
 * α = 1 − confidence, computed exactly from the decimal the user typed: "0.95" gives exactly 0.05, where the double
 * subtraction 1 − 0.95 gives 0.050000000000000044 and would shift every percentile position by a hair.
 */
export function alphaOfConfidence(text: string, label: string): number {
  parseUnitOpen(text, label);
  const { num, den } = decimalToRational(text.trim().replace(/^\+/, ''));
  return Number(den - num) / Number(den);
}

/** Runs a call into src/stats and turns its RangeErrors (bad input) into UserErrors; anything else is a bug and escapes. */
export function userInput<T>(work: () => T, prefix = '', rewrite: (message: string) => string = (m) => m): T {
  try {
    return work();
  } catch (err) {
    if (err instanceof RangeError) throw new UserError(`${prefix}${rewrite(err.message)}`);
    throw err;
  }
}

/** The shortest decimal that reads back as exactly `x` (full double precision); NaN and ±∞ as text. */
export function exact(x: number): string {
  return String(x);
}
