import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import type { ClassSet, LabelSpace } from '../classes/class-set.js';
import { detectFormat } from '../formats/predictions/detect-format.js';
import { FORMATS } from '../formats/predictions/formats.js';
import { labelDecoder } from '../formats/predictions/label-decoder.js';
import type { ChunkParser, LabelTable, PredictionTable, TableFormat } from '../formats/predictions/tables.js';
import { alignToLabels } from '../score/core/align-to-labels.js';
import { ChallengeError } from './challenge-error.js';

/** What a submission is checked against: only public facts (image names, classes), never the labels. */
export interface SubmissionShape {
  readonly imageIds: readonly string[];
  readonly classes: ClassSet;
  readonly labelSpace: LabelSpace;
  readonly k: number;
  readonly formats: readonly TableFormat[];
  /** Cap on the decompressed size of a gzip upload (a compression bomb stops here). */
  readonly maxBytes: number;
}

export interface ParsedSubmission {
  readonly format: TableFormat;
  /** n × k guesses in the challenge's image order (class indices, -1 = empty slot). */
  readonly guesses: Int32Array;
  readonly notes: readonly string[];
  /** sha256 of the bytes as uploaded (compressed, if they were). */
  readonly sha256: string;
}

/** An upload parsed as its bytes arrive: `push` never throws; `end` throws the first error (a ChallengeError). */
export interface SubmissionParser {
  push(chunk: Uint8Array): void;
  end(): ParsedSubmission;
}

const CHUNK = 1 << 20;
/** Bytes looked at to detect the format (as detectFormat does). */
const SNIFF = 4096;

/**
 * Reads an uploaded predictions file (optionally gzip-compressed) and puts its rows in the challenge's image order.
 * Every error names the upload and the first bad line. The join is made against a stand-in label table whose labels
 * are all 0: it carries the image names only, so nothing in a message can depend on a hidden label.
 */
export function parseSubmission(bytes: Uint8Array, fileName: string, shape: SubmissionShape): ParsedSubmission {
  const parser = submissionParser(fileName, shape);
  for (let i = 0; i < bytes.byteLength; i += CHUNK) parser.push(bytes.subarray(i, Math.min(i + CHUNK, bytes.byteLength)));
  return parser.end();
}

/**
 * The streaming form of {@link parseSubmission}: plain text is parsed chunk by chunk while the upload arrives (the
 * first 4 kB are held back to detect the format); a gzip upload is kept whole and decompressed, capped, at the end.
 * The sha256 of the raw bytes is computed on the way. After the first error further chunks are only counted.
 */
export function submissionParser(fileName: string, shape: SubmissionShape): SubmissionParser {
  const hash = createHash('sha256');
  let held: Uint8Array[] = [];
  let heldBytes = 0;
  let gzip = false;
  let parser: { format: TableFormat; name: string; chunks: ChunkParser<PredictionTable> } | undefined;
  let error: unknown;

  const start = (head: Uint8Array): void => {
    const format = detectFormat(fileName, head.subarray(0, SNIFF));
    if (!shape.formats.includes(format)) throw new ChallengeError(`${fileName}: ${format} files are not accepted here (accepted: ${shape.formats.join(', ')})`, 400);
    parser = { format, name: fileName, chunks: FORMATS[format].predictions({ file: fileName, decoder: labelDecoder(shape.classes, shape.labelSpace), k: shape.k }) };
  };
  const feed = (chunk: Uint8Array): void => {
    try {
      parser!.chunks.push(chunk);
    } catch (err) {
      throw asBadRequest(err);
    }
  };
  const flushHeld = (): void => {
    const head = held.length === 1 ? held[0]! : Buffer.concat(held, heldBytes);
    held = [];
    if (head[0] === 0x1f && head[1] === 0x8b) {
      gzip = true;
      held = [head];
      return;
    }
    start(head);
    feed(head);
  };

  return {
    push(chunk) {
      if (error !== undefined || chunk.byteLength === 0) return;
      hash.update(chunk);
      try {
        if (gzip || parser === undefined) {
          // The chunk's bytes may be reused by the caller: keep a copy.
          held.push(new Uint8Array(chunk));
          heldBytes += chunk.byteLength;
          if (!gzip && heldBytes >= SNIFF) flushHeld();
        } else {
          feed(chunk);
        }
      } catch (err) {
        error = err;
      }
    },
    end() {
      if (error !== undefined) throw error;
      if (heldBytes === 0) throw new ChallengeError(`${fileName}: empty file`, 400);
      if (parser === undefined && !gzip) flushHeld();
      const sha256 = hash.digest('hex');
      if (gzip) {
        const { data, name } = gunzip(Buffer.concat(held, heldBytes), fileName, shape.maxBytes);
        held = [];
        if (data.byteLength === 0) throw new ChallengeError(`${name}: empty file`, 400);
        const inner = submissionParser(name, shape);
        for (let i = 0; i < data.byteLength; i += CHUNK) inner.push(data.subarray(i, Math.min(i + CHUNK, data.byteLength)));
        return { ...inner.end(), sha256 };
      }
      let table: PredictionTable;
      try {
        table = parser!.chunks.end();
      } catch (err) {
        throw asBadRequest(err);
      }
      return { ...align(table, parser!.format, shape), sha256 };
    },
  };
}

function align(table: PredictionTable, format: TableFormat, shape: SubmissionShape): Omit<ParsedSubmission, 'sha256'> {
  const join = FORMATS[format].join;
  const stand: LabelTable = {
    kind: 'labels', file: 'the challenge image list', format, n: shape.imageIds.length, join,
    labels: new Int32Array(shape.imageIds.length), ...(join === 'id' ? { ids: shape.imageIds } : {}),
  };
  let guesses: Int32Array;
  try {
    guesses = alignToLabels(stand, table);
  } catch (err) {
    throw asBadRequest(err);
  }
  const notes: string[] = [];
  if (table.ignoredGuesses > 0) notes.push(`${table.ignoredGuesses} guess(es) after the ${shape.k}th on a row were ignored`);
  if (table.repeatedGuesses > 0) notes.push(`${table.repeatedGuesses} repeated guess(es) on a row counted once`);
  if (table.rowsWithFewerGuesses > 0) notes.push(`${table.rowsWithFewerGuesses} image(s) had fewer than ${shape.k} guesses`);
  return { format, guesses, notes };
}

function gunzip(bytes: Uint8Array, fileName: string, maxBytes: number): { data: Uint8Array; name: string } {
  const name = fileName.replace(/\.gz$/i, '');
  try {
    return { data: gunzipSync(bytes, { maxOutputLength: maxBytes }), name };
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new ChallengeError(`${fileName}: decompresses to more than ${maxBytes} bytes (the upload limit)`, 413);
    throw new ChallengeError(`${fileName}: not a valid gzip file`, 400);
  }
}

function asBadRequest(err: unknown): unknown {
  if (err instanceof ChallengeError) return err;
  if (err instanceof Error && err.name === 'UserError') return new ChallengeError(err.message, 400);
  if (err instanceof RangeError) return new ChallengeError(err.message, 400);
  return err;
}
