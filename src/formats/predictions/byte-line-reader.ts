import { UserError } from '../../errors.js';
import type { LabelDecoder } from './label-decoder.js';
import type { ChunkParser } from './tables.js';
import { MAX_LINE_LENGTH, notUtf8 } from './text-line-reader.js';

/**
 * Receives whole lines as bytes, `bytes[start, end)`. The last byte, `bytes[end - 1]`, is always a newline (one is
 * added after a last line that lacks it), so a parser can scan up to it without checking `end` on every byte.
 */
export type ByteBlockHandler = (bytes: Uint8Array, start: number, end: number) => void;

/**
 * The byte form of {@link textBlockReader}, for formats whose every meaningful character is ASCII (ILSVRC text):
 * the same blocks of whole lines, the same BOM and line-length rules, but no decoding. Parsing bytes skips the
 * UTF-8 decode of each block and reads a byte from a typed array instead of calling `charCodeAt`, which halves the
 * per-byte cost while V8 still interprets the loop (a CLI run is over before it is optimised).
 *
 * Validity of UTF-8 is the parser's part: non-ASCII bytes can only occur inside a token, so a parser decodes a block
 * only when a token is not a plain integer, and calls {@link checkUtf8} before it reports an error, so that a block
 * with invalid UTF-8 fails with the same `not UTF-8 text` message (and line) as the text readers give.
 */
export function byteBlockReader(file: string, onBlock: ByteBlockHandler, linesSoFar: () => number): ChunkParser<{ bytes: number }> {
  let carry: Uint8Array = new Uint8Array(0);
  let bytes = 0;
  let first = true;

  const emit = (block: Uint8Array): void => {
    const start = first && block[0] === 0xef && block[1] === 0xbb && block[2] === 0xbf ? 3 : 0;
    first = false;
    if (start < block.length) onBlock(block, start, block.length);
  };
  const tooLong = (): UserError => new UserError(`${file}:${linesSoFar() + 1}: line longer than ${MAX_LINE_LENGTH} bytes (is this a text file?)`);

  return {
    push(chunk: Uint8Array): void {
      bytes += chunk.length;
      const last = chunk.lastIndexOf(10);
      if (last < 0) {
        carry = concat(carry, chunk, false);
        if (carry.length > MAX_LINE_LENGTH) throw tooLong();
        return;
      }
      if (carry.length === 0) {
        emit(chunk.subarray(0, last + 1));
      } else {
        // Only the line that straddles the chunk boundary is copied; the rest of the chunk is read where it is.
        const first = chunk.indexOf(10);
        const before = linesSoFar();
        const straddle = concat(carry, chunk.subarray(0, first + 1), false);
        try {
          emit(straddle);
        } catch (err) {
          // Reported as if the line and the rest of the chunk were one block (as a reader that copies them together
          // does): invalid UTF-8 anywhere in it comes before another error on the line.
          if (err instanceof UserError && first < last) {
            checkUtf8(file, straddle, 0, straddle.length, before);
            checkUtf8(file, chunk, first + 1, last + 1, before + 1);
          }
          throw err;
        }
        if (first < last) emit(chunk.subarray(first + 1, last + 1));
      }
      carry = chunk.slice(last + 1);
      if (carry.length > MAX_LINE_LENGTH) throw tooLong();
    },
    end(): { bytes: number } {
      if (carry.length > 0) emit(concat(carry, new Uint8Array(0), true));
      carry = new Uint8Array(0);
      return { bytes };
    },
  };
}

function concat(a: Uint8Array, b: Uint8Array, newline: boolean): Uint8Array {
  const out = new Uint8Array(a.length + b.length + (newline ? 1 : 0));
  out.set(a);
  out.set(b, a.length);
  if (newline) out[out.length - 1] = 10;
  return out;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Throws the `not UTF-8 text` UserError if `bytes[start, end)`, a block that follows `linesBefore` lines, is not UTF-8. */
export function checkUtf8(file: string, bytes: Uint8Array, start: number, end: number, linesBefore: number): void {
  const block = bytes.subarray(start, end);
  try {
    utf8.decode(block);
  } catch {
    throw notUtf8(file, block, linesBefore);
  }
}

/**
 * Decodes the rare tokens a byte parser cannot read as an integer label (wnids, garbage) through the
 * {@link LabelDecoder}'s string API. The block is decoded once, at the first such token; if it is all ASCII, tokens
 * are read from it in place, otherwise each is decoded on its own. Invalid UTF-8 throws a TypeError: the parser's
 * caller turns that into {@link checkUtf8}'s error.
 */
export class TokenReader {
  private text: string | undefined;
  private ascii = false;

  constructor(private readonly file: string, private readonly decoder: LabelDecoder) {}

  /** Forgets the decoded block; call at the start of every block. */
  reset(): void {
    this.text = undefined;
  }

  /** Class index of the token `bytes[s, e)` of the block `bytes[start, end)`; a UserError naming `line` if not a label. */
  classOf(bytes: Uint8Array, start: number, end: number, s: number, e: number, line: number): number {
    if (this.text === undefined) {
      this.text = utf8.decode(bytes.subarray(start, end));
      this.ascii = this.text.length === end - start;
    }
    const text = this.ascii ? this.text : utf8.decode(bytes.subarray(s, e));
    const ts = this.ascii ? s - start : 0;
    const te = this.ascii ? e - start : text.length;
    const cls = this.decoder.token(text, ts, te);
    if (cls < 0) throw new UserError(`${this.file}:${line}: ${this.decoder.explain(text.slice(ts, te))}`);
    return cls;
  }
}
