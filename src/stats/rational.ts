/** A non-negative exact fraction num/den in lowest terms, den > 0. */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

/**
 * The exact value of a decimal, as a fraction: `0.01` → 1/100, `"2.5e-3"` → 1/400.
 * Numbers are read through their shortest round-trip decimal (`String(v)`), i.e. the decimal the
 * user typed, not the binary double: 0.01 is exactly 1/100 here, not 0.01000000000000000020816….
 * Throws RangeError for anything that is not a finite, non-negative decimal.
 */
export function decimalToRational(v: number | string): Rational {
  const text = typeof v === 'number' ? String(v) : v.trim();
  const m = /^\+?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  const intPart = m?.[1] ?? '';
  const fracPart = m?.[2] ?? '';
  if (m === null || intPart + fracPart === '') throw new RangeError(`not a non-negative decimal number: ${JSON.stringify(text)}`);
  const exp = Number(m[3] ?? '0') - fracPart.length;
  if (Math.abs(exp) > 400) throw new RangeError(`decimal exponent out of range: ${JSON.stringify(text)}`);
  let num = BigInt(intPart + fracPart);
  let den = 1n;
  if (exp >= 0) num *= 10n ** BigInt(exp);
  else den = 10n ** BigInt(-exp);
  const g = gcd(num, den);
  return { num: num / g, den: den / g };
}

/** The double nearest to num/den (exact when both fit in 2^53, as for every decimal of ≤ 15 digits). */
export function rationalToNumber(r: Rational): number {
  return Number(r.num) / Number(r.den);
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}
