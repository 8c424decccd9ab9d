import { UserError } from '../../errors.js';
import type { ChunkParser } from './tables.js';

/**
 * Receives whole lines: `text[start, end)` ends just after a newline, or at the end of the file. Parsers loop over
 * the lines of a block themselves, which keeps the per-line cost down to a few character reads.
 */
export type BlockHandler = (text: string, start: number, end: number) => void;

/** Longest line accepted: a line is held in memory until its newline arrives, so a file without newlines is refused. */
export const MAX_LINE_LENGTH = 1 << 20;

/**
 * Decodes UTF-8 bytes fed in chunks and hands them on in blocks of whole lines. A BOM at the start is dropped; CR
 * before LF is left in the text for the parser to skip. Invalid UTF-8 and over-long lines are UserErrors naming the
 * line: `linesSoFar` reports how many lines the parser has finished. `end()` returns the number of bytes seen.
 */
export function textBlockReader(file: string, onBlock: BlockHandler, linesSoFar: () => number): ChunkParser<{ bytes: number }> {
  // Each block is decoded on its own, from a line start to just after a newline byte (which never occurs inside a
  // multi-byte sequence). That yields flat strings, which V8 reads much faster than concatenated or sliced ones.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let carry: Uint8Array = new Uint8Array(0);
  let bytes = 0;
  let first = true;

  const emit = (block: Uint8Array): void => {
    let text: string;
    try {
      text = decoder.decode(block);
    } catch {
      throw notUtf8(file, block, linesSoFar());
    }
    const start = first && text.charCodeAt(0) === 0xfeff ? 1 : 0;
    first = false;
    if (start < text.length) onBlock(text, start, text.length);
  };

  return {
    push(chunk: Uint8Array): void {
      bytes += chunk.length;
      const last = chunk.lastIndexOf(10);
      if (last < 0) {
        carry = concat(carry, chunk);
        if (carry.length > MAX_LINE_LENGTH) throw new UserError(`${file}:${linesSoFar() + 1}: line longer than ${MAX_LINE_LENGTH} bytes (is this a text file?)`);
        return;
      }
      emit(carry.length === 0 ? chunk.subarray(0, last + 1) : concat(carry, chunk.subarray(0, last + 1)));
      carry = chunk.slice(last + 1);
      if (carry.length > MAX_LINE_LENGTH) throw new UserError(`${file}:${linesSoFar() + 1}: line longer than ${MAX_LINE_LENGTH} bytes (is this a text file?)`);
    },
    end(): { bytes: number } {
      if (carry.length > 0) emit(carry);
      carry = new Uint8Array(0);
      return { bytes };
    },
  };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The error for a block of lines that is not valid UTF-8, naming the line of the first bad byte. */
export function notUtf8(file: string, block: Uint8Array, linesBefore: number): UserError {
  return new UserError(`${file}:${linesBefore + countNewlines(block, firstInvalidUtf8(block)) + 1}: not UTF-8 text`);
}

function countNewlines(chunk: Uint8Array, end: number): number {
  let n = 0;
  for (let i = chunk.indexOf(10); i >= 0 && i < end; i = chunk.indexOf(10, i + 1)) n++;
  return n;
}

/** Offset of the first byte that does not continue a valid UTF-8 sequence (the decoder only says "somewhere"). */
function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length;) {
    const c = b[i]!;
    const len = c < 0x80 ? 1 : c >= 0xc2 && c < 0xe0 ? 2 : c >= 0xe0 && c < 0xf0 ? 3 : c >= 0xf0 && c < 0xf5 ? 4 : 0;
    if (len === 0 || i + len > b.length) return i;
    const c1 = b[i + 1]!;
    // Overlong forms, UTF-16 surrogates and code points above U+10FFFF are invalid too.
    if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 >= 0xa0) || (c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 >= 0x90)) return i;
    for (let j = 1; j < len; j++) if ((b[i + j]! & 0xc0) !== 0x80) return i;
    i += len;
  }
  return b.length;
}

/** End of the line starting at `i` within a block: the index of its newline, or `end`. */
export function lineEnd(text: string, i: number, end: number): number {
  const nl = text.indexOf('\n', i);
  return nl < 0 || nl >= end ? end : nl;
}

/** `e` moved back over a CR, so a CRLF line ends at the same place as an LF line. */
export function withoutCr(text: string, s: number, e: number): number {
  return e > s && text.charCodeAt(e - 1) === 13 ? e - 1 : e;
}

/** True for a space or tab. */
export function isBlankChar(c: number): boolean {
  return c === 32 || c === 9;
}

/** True when `text[start, end)` holds only spaces, tabs and CRs. */
export function isBlankRange(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/**
 * Calls `onLine` for each line of a block with its 1-based number, counting on from `line` (the number of lines
 * before the block); returns the new count. For parsers whose per-line work dwarfs the call (JSON).
 */
export function eachLine(text: string, start: number, end: number, line: number, onLine: (s: number, e: number, line: number) => void): number {
  let i = start;
  while (i < end) {
    const e = lineEnd(text, i, end);
    onLine(i, withoutCr(text, i, e), ++line);
    i = e + 1;
  }
  return line;
}
