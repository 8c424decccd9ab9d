import path from 'node:path';
import type { BlobStore } from './blob-store.js';
import { FsBlobStore } from './fs-blob-store.js';
import { UserError } from '../../errors.js';

/**
 * The blob store a workspace uses: `<dataDir>/blobs` by default, a folder (`file:/shared/blobs` or a plain path, e.g.
 * an NFS mount every machine sees), or an S3 bucket (`s3://bucket/prefix`; endpoint from $HELDOUT_S3_ENDPOINT).
 */
export async function openBlobStore(dataDir: string, spec?: string, env: NodeJS.ProcessEnv = process.env): Promise<BlobStore> {
  if (spec === undefined || spec === '') return new FsBlobStore(path.join(dataDir, 'blobs'));
  if (spec.startsWith('s3://')) {
    const { S3BlobStore } = await import('./s3-blob-store.js');
    return S3BlobStore.fromUrl(spec, env);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(spec) && !spec.startsWith('file://')) throw new UserError(`blob store "${spec}": expected a folder, file://PATH or s3://bucket/prefix`);
  return new FsBlobStore(path.resolve(spec.replace(/^file:(\/\/)?/, '')));
}
