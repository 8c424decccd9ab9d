import { gunzipSync } from 'node:zlib';
import type { ClassSet, LabelSpace } from '../classes/class-set.js';
import { detectFormat } from '../formats/predictions/detect-format.js';
import { FORMATS } from '../formats/predictions/formats.js';
import { labelDecoder } from '../formats/predictions/label-decoder.js';
import type { LabelTable, PredictionTable, TableFormat } from '../formats/predictions/tables.js';
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
}

const CHUNK = 1 << 20;

/**
 * Reads an uploaded predictions file (optionally gzip-compressed) and puts its rows in the challenge's image order.
 * Every error names the upload and the first bad line. The join is made against a stand-in label table whose labels
 * are all 0: it carries the image names only, so nothing in a message can depend on a hidden label.
 */
export function parseSubmission(bytes: Uint8Array, fileName: string, shape: SubmissionShape): ParsedSubmission {
  const { data, name } = maybeGunzip(bytes, fileName, shape.maxBytes);
  if (data.byteLength === 0) throw new ChallengeError(`${name}: empty file`, 400);
  const format = detectFormat(name, data.subarray(0, 4096));
  if (!shape.formats.includes(format)) throw new ChallengeError(`${name}: ${format} files are not accepted here (accepted: ${shape.formats.join(', ')})`, 400);
  const parser = FORMATS[format].predictions({ file: name, decoder: labelDecoder(shape.classes, shape.labelSpace), k: shape.k });
  let table: PredictionTable;
  try {
    for (let i = 0; i < data.byteLength; i += CHUNK) parser.push(data.subarray(i, Math.min(i + CHUNK, data.byteLength)));
    table = parser.end();
  } catch (err) {
    throw asBadRequest(err);
  }
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

function maybeGunzip(bytes: Uint8Array, fileName: string, maxBytes: number): { data: Uint8Array; name: string } {
  if (!(bytes[0] === 0x1f && bytes[1] === 0x8b)) return { data: bytes, name: fileName };
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
