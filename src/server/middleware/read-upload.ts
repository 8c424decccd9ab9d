import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import busboy from 'busboy';
import type { Context } from 'hono';
import { ChallengeError } from '../../challenges/challenge-error.js';

/** A multipart upload with one file part named `file` and a few small text fields. */
export interface Upload {
  readonly bytes: Uint8Array;
  readonly fileName: string;
  readonly fields: Readonly<Record<string, string>>;
}

export interface UploadOptions {
  /** Sees each chunk of the file part as it arrives (e.g. to parse while the upload streams in); may not keep it. */
  readonly onChunk?: (chunk: Buffer, fileName: string) => void;
}

/** Room for the multipart framing and the text fields around the file. */
const FRAMING = 64 * 1024;

/**
 * Streams a multipart body through busboy, keeping only the `file` part and stopping as soon as it passes `maxBytes`
 * (413; a Content-Length that is already too large is refused before reading anything). Other file parts, too many
 * parts and oversized fields are refused too, so a request cannot make the server hold more than about `maxBytes`.
 */
export async function readUpload(c: Context, maxBytes: number, options: UploadOptions = {}): Promise<Upload> {
  const type = c.req.header('content-type') ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) throw new ChallengeError('send the file as multipart/form-data with a part named "file"', 400);
  const length = Number(c.req.header('content-length') ?? NaN);
  if (Number.isFinite(length) && length > maxBytes + FRAMING) throw new ChallengeError(`upload is larger than ${maxBytes} bytes`, 413);
  const body = c.req.raw.body;
  if (!body) throw new ChallengeError('empty request body', 400);
  const source = Readable.fromWeb(body as unknown as NodeWebStream<Uint8Array>);
  return new Promise<Upload>((resolve, reject) => {
    let settled = false;
    const fail = (err: ChallengeError) => {
      if (settled) return;
      settled = true;
      // Stop reading; busboy is left to be collected (destroying it from inside its own callbacks breaks it).
      source.unpipe(bb);
      source.destroy();
      reject(err);
    };
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: { 'content-type': type }, limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 4096, parts: 12 } });
    } catch {
      reject(new ChallengeError('malformed multipart/form-data header (no boundary?)', 400));
      return;
    }
    const chunks: Buffer[] = [];
    let fileName: string | undefined;
    let size = 0;
    const fields: Record<string, string> = {};
    bb.on('file', (name, stream, info) => {
      if (name !== 'file') {
        stream.resume();
        fail(new ChallengeError(`unexpected file part "${name.slice(0, 40)}" (the file goes in a part named "file")`, 400));
        return;
      }
      const partName = info.filename || 'upload';
      fileName = partName;
      stream.on('data', (d: Buffer) => {
        size += d.length;
        chunks.push(d);
        if (!settled) options.onChunk?.(d, partName);
      });
      stream.on('limit', () => fail(new ChallengeError(`upload is larger than ${maxBytes} bytes`, 413)));
    });
    bb.on('field', (name, value, info) => {
      if (info.valueTruncated) fail(new ChallengeError(`field "${name.slice(0, 40)}" is too long`, 400));
      else fields[name] = value;
    });
    bb.on('filesLimit', () => fail(new ChallengeError('one file per submission', 400)));
    bb.on('partsLimit', () => fail(new ChallengeError('too many form parts', 400)));
    bb.on('fieldsLimit', () => fail(new ChallengeError('too many form fields', 400)));
    bb.on('error', () => fail(new ChallengeError('malformed multipart/form-data body', 400)));
    bb.on('close', () => {
      if (settled) return;
      settled = true;
      if (fileName === undefined) reject(new ChallengeError('no file: send it in a part named "file"', 400));
      else resolve({ bytes: new Uint8Array(Buffer.concat(chunks, size)), fileName, fields });
    });
    source.on('error', () => fail(new ChallengeError('the upload was interrupted', 400)));
    source.pipe(bb);
  });
}
