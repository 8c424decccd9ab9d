import { createHash } from 'node:crypto';

/**
 * A candidate's id: sha1(source photo id + source name) when the source has photo ids (ImageNetV2's `id_ours`,
 * `sha1(flickr_id + "flickr")`, which is also its released file name), else the sha256 of the file's bytes.
 * Both are stable, so ingesting the same input again finds the same ids and adds nothing.
 */
export function candidateId(source: { readonly sourceId: string | null; readonly sourceName: string }, contentSha256: string | null): string | null {
  if (source.sourceId !== null && source.sourceId !== '') return createHash('sha1').update(source.sourceId + source.sourceName, 'utf8').digest('hex');
  return contentSha256;
}

/** The id of an entry that has neither a photo id nor readable bytes (e.g. a metadata row naming a missing file). */
export function placeholderId(sourceName: string, where: string): string {
  return createHash('sha1').update(`missing:${sourceName}:${where}`, 'utf8').digest('hex');
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
