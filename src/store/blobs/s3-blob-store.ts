import { createHash } from 'node:crypto';
import {
  DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, S3ServiceException,
} from '@aws-sdk/client-s3';
import type { BlobStore, PutResult } from './blob-store.js';
import { UserError } from '../../errors.js';

const SHA256 = /^[0-9a-f]{64}$/;

export interface S3BlobStoreOptions {
  readonly bucket: string;
  /** Key prefix inside the bucket (no leading or trailing slash); blobs are `<prefix>/ab/cd/<sha256>`. */
  readonly prefix?: string;
  /** An S3-compatible server (MinIO, Ceph, R2…); path-style addressing is used with it. AWS when omitted. */
  readonly endpoint?: string;
  /** Default: $AWS_REGION, else us-east-1. Credentials come from the AWS SDK's standard chain (env, profile, role). */
  readonly region?: string;
}

/**
 * Blobs in an S3 bucket under the same content-addressed layout as the filesystem store, so several servers and
 * workers on different machines share one blob store. Writes are conditional (`If-None-Match: *`): of two writers of
 * the same bytes exactly one is told it created the blob, which keeps the rollback of a failed import from deleting a
 * blob that another import stored.
 */
export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;
  private readonly prefix: string;

  constructor(readonly opts: S3BlobStoreOptions) {
    this.prefix = (opts.prefix ?? '').replace(/^\/+|\/+$/g, '');
    this.client = new S3Client({
      region: opts.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
      ...(opts.endpoint ? { endpoint: opts.endpoint, forcePathStyle: true } : {}),
    });
  }

  /** `s3://bucket/prefix`, with the endpoint from $HELDOUT_S3_ENDPOINT when set. */
  static fromUrl(url: string, env: NodeJS.ProcessEnv = process.env): S3BlobStore {
    const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
    if (!m) throw new UserError(`"${url}" is not an s3://bucket/prefix URL`);
    return new S3BlobStore({ bucket: m[1]!, prefix: m[2]!, ...(env.HELDOUT_S3_ENDPOINT ? { endpoint: env.HELDOUT_S3_ENDPOINT } : {}) });
  }

  keyOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new UserError(`"${sha256}" is not a sha256 blob id`);
    const tail = `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
    return this.prefix ? `${this.prefix}/${tail}` : tail;
  }

  async put(bytes: Uint8Array, knownSha256?: string): Promise<PutResult> {
    const sha256 = knownSha256 ?? createHash('sha256').update(bytes).digest('hex');
    const Key = this.keyOf(sha256);
    if (await this.has(sha256)) return { sha256, created: false };
    try {
      await this.client.send(new PutObjectCommand({ Bucket: this.opts.bucket, Key, Body: bytes, IfNoneMatch: '*', ContentType: 'application/octet-stream' }));
      return { sha256, created: true };
    } catch (err) {
      const status = statusOf(err);
      if (status === 412 || status === 409) return { sha256, created: false }; // another writer stored it first
      if (status === 501) {
        // A server without conditional writes: the bytes are the same whoever wins.
        await this.client.send(new PutObjectCommand({ Bucket: this.opts.bucket, Key, Body: bytes }));
        return { sha256, created: true };
      }
      throw err;
    }
  }

  async get(sha256: string): Promise<Buffer> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.opts.bucket, Key: this.keyOf(sha256) }));
      return Buffer.from(await out.Body!.transformToByteArray());
    } catch (err) {
      if (statusOf(err) === 404) throw new UserError(`blob ${sha256} not found`, 1);
      throw err;
    }
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.opts.bucket, Key: this.keyOf(sha256) }));
      return true;
    } catch (err) {
      if (statusOf(err) === 404) return false;
      throw err;
    }
  }

  async delete(sha256: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.opts.bucket, Key: this.keyOf(sha256) }));
  }

  async count(): Promise<number> {
    let n = 0;
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({
        Bucket: this.opts.bucket, ...(this.prefix ? { Prefix: `${this.prefix}/` } : {}), ...(token ? { ContinuationToken: token } : {}),
      }));
      n += (page.Contents ?? []).filter((o) => SHA256.test(o.Key?.split('/').pop() ?? '')).length;
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return n;
  }

  close(): void {
    this.client.destroy();
  }
}

function statusOf(err: unknown): number | undefined {
  if (err instanceof S3ServiceException) return err.$metadata.httpStatusCode;
  return (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}
