import { flickrEntries, type FlickrSourceOptions } from './flickr-source.js';
import { folderEntries, type FolderSourceOptions } from './folder-source.js';
import type { IngestEntry } from './ingest-entry.js';
import { metadataEntries, type MetadataSourceOptions } from './metadata-source.js';

/** Where candidates come from: a typed map, so the CLI and docs list sources from one place. */
export const INGEST_SOURCES = {
  folder: { description: 'image files below a folder (class from wnid-named folders or --wnid; ids are content hashes)', read: folderEntries },
  metadata: { description: 'a CSV/JSON table: file, source_url, source_id, owner, license, date_taken, date_uploaded, title, tags, wnid', read: metadataEntries },
  flickr: { description: 'a Flickr search response (photos.photo[]) plus a folder of the downloaded files', read: flickrEntries },
} as const;

export type IngestSourceName = keyof typeof INGEST_SOURCES;

/** A source and its options, told apart by `kind`; `entries` hands in-memory entries (the demo seeder). */
export type IngestSource =
  | ({ readonly kind: 'folder' } & FolderSourceOptions)
  | ({ readonly kind: 'metadata' } & MetadataSourceOptions)
  | ({ readonly kind: 'flickr' } & FlickrSourceOptions)
  | { readonly kind: 'entries'; readonly entries: readonly IngestEntry[] };

export async function readSource(source: IngestSource): Promise<IngestEntry[]> {
  switch (source.kind) {
    case 'folder': return INGEST_SOURCES.folder.read(source);
    case 'metadata': return INGEST_SOURCES.metadata.read(source);
    case 'flickr': return INGEST_SOURCES.flickr.read(source);
    case 'entries': return [...source.entries];
  }
}
