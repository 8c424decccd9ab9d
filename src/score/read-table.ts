import { open } from 'node:fs/promises';
import { UserError } from '../errors.js';
import { detectFormat } from '../formats/predictions/detect-format.js';
import { FORMAT_LOADERS } from '../formats/predictions/format-loaders.js';
import type { IdIndex } from '../formats/predictions/id-index.js';
import type { LabelDecoder } from '../formats/predictions/label-decoder.js';
import type { ChunkParser, LabelTable, PredictionTable, TableFormat } from '../formats/predictions/tables.js';

/** `auto` detects the format from the extension, then the first bytes. */
export type FormatChoice = TableFormat | 'auto';

const CHUNK = 1 << 20;

/**
 * Reads a predictions file in 1 MiB chunks through its format's streaming parser. Given the labels' ids, keyed rows
 * are matched to label rows while parsing; see `PredictionParserOptions.labelIds`.
 */
export function readPredictions(file: string, format: FormatChoice, decoder: LabelDecoder, k: number, labelIds?: IdIndex): Promise<PredictionTable> {
  return streamFile(file, async (head, sizeHint) => (await FORMAT_LOADERS[resolveFormat(file, format, head)]()).predictions({ file, decoder, k, sizeHint, ...(labelIds ? { labelIds } : {}) }));
}

/** Reads a labels file in 1 MiB chunks through its format's streaming parser. */
export function readLabels(file: string, format: FormatChoice, decoder: LabelDecoder): Promise<LabelTable> {
  return streamFile(file, async (head, sizeHint) => (await FORMAT_LOADERS[resolveFormat(file, format, head)]()).labels({ file, decoder, sizeHint }));
}

function resolveFormat(file: string, format: FormatChoice, head: Uint8Array): TableFormat {
  return format === 'auto' ? detectFormat(file, head) : format;
}

/** Feeds the file to the parser `makeParser` gives for its first bytes and its size. */
async function streamFile<T>(file: string, makeParser: (head: Uint8Array, sizeHint: number) => Promise<ChunkParser<T>>): Promise<T> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    throw new UserError(`cannot read ${file}: ${describeFsError(err)}`);
  }
  try {
    const buf = new Uint8Array(CHUNK);
    let parser: ChunkParser<T> | undefined;
    for (;;) {
      const { bytesRead } = await handle.read(buf, 0, CHUNK, null).catch((err: unknown) => {
        throw new UserError(`cannot read ${file}: ${describeFsError(err)}`);
      });
      if (parser === undefined) parser = await makeParser(buf.subarray(0, bytesRead), (await handle.stat()).size);
      if (bytesRead === 0) break;
      // Parsers copy what they keep, so the buffer can be reused for the next read.
      parser.push(buf.subarray(0, bytesRead));
    }
    return parser!.end();
  } finally {
    await handle.close();
  }
}

function describeFsError(err: unknown): string {
  const code = (err as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES') return 'permission denied';
  return err instanceof Error ? err.message : String(err);
}
