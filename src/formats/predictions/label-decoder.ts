import type { ClassSet, LabelSpace } from '../../classes/class-set.js';

/**
 * Turns label tokens in one label space into class indices (sorted-wnid order) of a class set, without allocating
 * per token: parsers hand it a range of a line. Every failure is -1; {@link LabelDecoder.explain} says why.
 *
 * @example
 * const d = labelDecoder(ilsvrc2012, 'devkit'); d.token('1 2', 0, 1) // → 278 (devkit ID 1 = n02119789, index 278)
 */
export interface LabelDecoder {
  readonly space: LabelSpace;
  readonly classes: ClassSet;
  /** Class index of the token `text[start, end)`, or -1 when it is not a label of this space and set. */
  token(text: string, start: number, end: number): number;
  /** {@link LabelDecoder.token} of the bytes `b[start, end)` (a label is ASCII: any other byte makes it -1). */
  tokenBytes(b: Uint8Array, start: number, end: number): number;
  /** Class index of an integer label (devkit or index space), or -1 (out of range, not an integer, or wnid space). */
  int(value: number): number;
  /**
   * `int` as a table for the hot loops: `byInt[v]` is the class index of the integer label v, or -1; integers at or
   * beyond its length are out of range. Empty in wnid space.
   */
  readonly byInt: Int32Array;
  /** Why `token` is not a valid label here, e.g. `devkit ID 1001 is out of range for class set ilsvrc2012 (1..1000)`. */
  explain(token: string): string;
}

const MAX_SHOWN = 40;

/** Quotes a token for an error message, shortened so a garbage line cannot flood the terminal. */
export function showToken(token: string): string {
  const t = token.length > MAX_SHOWN ? `${token.slice(0, MAX_SHOWN)}…` : token;
  return JSON.stringify(t);
}

/** Builds the decoder for `space` over `classes`. */
export function labelDecoder(classes: ClassSet, space: LabelSpace): LabelDecoder {
  const size = classes.size;
  // devkit: byInt[id] = index for ids 1..size (byInt[0] = -1); index: identity on 0..size-1; wnid: nothing.
  const byInt = new Int32Array(space === 'devkit' ? size + 1 : space === 'index' ? size : 0).fill(-1);
  const byWnidDigits = new Map<number, number>();
  for (const e of classes.entries) {
    if (space === 'devkit') byInt[e.devkitId] = e.index;
    if (space === 'index') byInt[e.index] = e.index;
    byWnidDigits.set(Number(e.wnid.slice(1)), e.index);
  }
  const int = (v: number) => (Number.isInteger(v) && v >= 0 && v < byInt.length ? byInt[v]! : -1);
  const token = space === 'wnid'
    ? (text: string, start: number, end: number) => {
      // A wnid is exactly n + 8 digits, so its digits are a unique integer key.
      if (end - start !== 9 || text.charCodeAt(start) !== 110) return -1;
      const v = digits(text, start + 1, end);
      return v < 0 ? -1 : (byWnidDigits.get(v) ?? -1);
    }
    : (text: string, start: number, end: number) => {
      const v = digits(text, start, end);
      return v < 0 ? -1 : int(v);
    };
  const tokenBytes = space === 'wnid'
    ? (b: Uint8Array, start: number, end: number) => {
      if (end - start !== 9 || b[start] !== 110) return -1;
      const v = digitBytes(b, start + 1, end);
      return v < 0 ? -1 : (byWnidDigits.get(v) ?? -1);
    }
    : (b: Uint8Array, start: number, end: number) => {
      const v = digitBytes(b, start, end);
      return v < 0 ? -1 : int(v);
    };
  return {
    space,
    classes,
    token,
    tokenBytes,
    int,
    byInt,
    explain(tok: string): string {
      if (tok === '') return 'empty label';
      const name = classes.name;
      if (space === 'wnid') {
        return /^n\d{8}$/.test(tok) ? `wnid ${tok} is not in class set ${name}` : `${showToken(tok)} is not a wnid (n + 8 digits)`;
      }
      const what = space === 'devkit' ? 'devkit ID' : 'class index';
      const range = space === 'devkit' ? `1..${size}` : `0..${size - 1}`;
      return /^\d+$/.test(tok)
        ? `${what} ${tok.length > MAX_SHOWN ? showToken(tok) : tok} is out of range for class set ${name} (${range})`
        : `${showToken(tok)} is not a ${what} (an integer ${range})`;
    },
  };
}

/** The value of a run of ASCII digits, or -1 if the range is empty, has a non-digit, or exceeds 9 digits (≥ 10⁹ is out of any class range). */
export function digits(text: string, start: number, end: number): number {
  if (end <= start) return -1;
  let v = 0;
  let nonZero = false;
  let count = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    if (c !== 0) nonZero = true;
    if (nonZero && ++count > 9) return 1e9; // all digits but huge: out of range, not malformed
    v = v * 10 + c;
  }
  return v;
}

/** {@link digits} over bytes. */
function digitBytes(b: Uint8Array, start: number, end: number): number {
  if (end <= start) return -1;
  let v = 0;
  let nonZero = false;
  let count = 0;
  for (let i = start; i < end; i++) {
    const c = b[i]! - 48;
    if (c < 0 || c > 9) return -1;
    if (c !== 0) nonZero = true;
    if (nonZero && ++count > 9) return 1e9;
    v = v * 10 + c;
  }
  return v;
}
