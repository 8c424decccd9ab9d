import path from 'node:path';
import { z } from 'zod';
import { UserError } from '../../errors.js';
import { listFolder, readInputText } from '../../datasets/read-input.js';
import { blankEntry, type IngestEntry } from './ingest-entry.js';

export interface FlickrSourceOptions {
  /** A flickr.photos.search response saved as JSON (`{ "photos": { "photo": [...] } }`). */
  readonly file: string;
  /** Folder with the downloaded files, named `<photo id>.<ext>` or `<photo id>_<anything>.<ext>`. */
  readonly filesDir: string;
  /** The class searched for (Flickr results carry none). */
  readonly wnid?: string;
  /** Default `flickr`, which makes ids ImageNetV2's `sha1(flickr_id + "flickr")`. */
  readonly sourceName?: string;
}

/** Renditions from largest to smallest that ImageNetV2 accepted; one of them means a copy of at least ~500 px. */
export const LARGE_RENDITIONS = ['url_o', 'url_k', 'url_h', 'url_b', 'url_c', 'url_z'] as const;

const id = z.union([z.string().min(1), z.number().int()]).transform(String);
const photoSchema = z.looseObject({
  id,
  owner: z.string().optional(),
  title: z.string().optional(),
  license: z.union([z.string(), z.number()]).transform(String).optional(),
  dateupload: z.union([z.string(), z.number()]).optional(),
  datetaken: z.string().optional(),
  tags: z.string().optional(),
});
const responseSchema = z.object({ photos: z.object({ photo: z.array(z.unknown()) }) });

/**
 * Candidates from a Flickr API search response paired with the downloaded files. The source URL is the largest
 * `url_o … url_z` rendition offered; a photo offering only smaller renditions is rejected as too-small (ImageNetV2's
 * implicit size rule), and one with no file in `filesDir` as missing-file.
 */
export async function flickrEntries(o: FlickrSourceOptions): Promise<IngestEntry[]> {
  const raw = await readInputText(o.file, 'Flickr search results');
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (err) {
    throw new UserError(`${o.file}: not valid JSON (${(err as Error).message})`);
  }
  const response = responseSchema.safeParse(data);
  if (!response.success) throw new UserError(`${o.file}: not a Flickr search response (expected { "photos": { "photo": [...] } })`);
  const files = await filesById(o.filesDir);
  const name = path.basename(o.file);
  const sourceName = o.sourceName ?? 'flickr';
  return response.data.photos.photo.map((raw, i) => {
    const where = `${name}:photo[${i}]`;
    const parsed = photoSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ...blankEntry(where, { kind: 'missing', expected: '(no photo id)' }, sourceName), problem: { reason: 'bad-metadata', detail: `${issue?.path.join('.') || 'photo'}: ${issue?.message ?? 'invalid'}` } } satisfies IngestEntry;
    }
    const p = parsed.data;
    const urls = p as Record<string, unknown>;
    const large = LARGE_RENDITIONS.find((k) => typeof urls[k] === 'string' && urls[k] !== '');
    const anyUrl = Object.keys(urls).some((k) => k.startsWith('url_'));
    const file = files.get(p.id);
    const entry: IngestEntry = {
      ...blankEntry(`${where} (${p.id})`, file ? { kind: 'file', path: path.join(o.filesDir, file) } : { kind: 'missing', expected: `${p.id}.<ext> in ${o.filesDir}` }, sourceName),
      sourcePath: file ?? null,
      sourceId: p.id,
      sourceUrl: large ? String(urls[large]) : null,
      owner: p.owner ?? null,
      license: p.license ?? null,
      dateTaken: p.datetaken ?? null,
      dateUploaded: p.dateupload ?? null,
      title: p.title || null,
      tags: p.tags ? p.tags.split(/\s+/).filter((t) => t !== '') : null,
      wnid: o.wnid ?? null,
    };
    return !large && anyUrl ? { ...entry, problem: { reason: 'too-small', detail: `no rendition ${LARGE_RENDITIONS.join(', ')} (≥ ~500 px) offered` } } : entry;
  });
}

/** Downloaded files by Flickr photo id: the digits before the first `_` or `.` of the name; first name wins. */
async function filesById(dir: string): Promise<Map<string, string>> {
  const { files } = await listFolder(dir);
  const out = new Map<string, string>();
  for (const f of files) {
    const m = /^(\d+)[_.]/.exec(f);
    if (m && !out.has(m[1]!)) out.set(m[1]!, f);
  }
  return out;
}
