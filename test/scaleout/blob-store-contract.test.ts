import { randomBytes } from 'node:crypto';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import type { BlobStore } from '../../src/store/blobs/blob-store.js';
import { FsBlobStore } from '../../src/store/blobs/fs-blob-store.js';
import { openBlobStore } from '../../src/store/blobs/open-blob-store.js';
import { S3BlobStore } from '../../src/store/blobs/s3-blob-store.js';
import { tempDir } from '../helpers/temp-workspace.js';

// One contract, every backend: the filesystem store always; S3 when HELDOUT_S3_ENDPOINT names an S3-compatible server
// (bucket $HELDOUT_S3_BUCKET, default heldout-test, created if missing; credentials from the standard AWS variables).

const ENDPOINT = process.env.HELDOUT_S3_ENDPOINT;
const BUCKET = process.env.HELDOUT_S3_BUCKET ?? 'heldout-test';
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

const backends: Array<[string, () => Promise<BlobStore>, boolean]> = [
  ['filesystem', async () => {
    const d = await tempDir();
    cleanups.push(d.cleanup);
    return new FsBlobStore(d.dir);
  }, true],
  ['S3', async () => {
    const client = new S3Client({ endpoint: ENDPOINT!, forcePathStyle: true, region: process.env.AWS_REGION ?? 'us-east-1' });
    await client.send(new CreateBucketCommand({ Bucket: BUCKET })).catch((err: { name?: string }) => {
      if (err.name !== 'BucketAlreadyOwnedByYou' && err.name !== 'BucketAlreadyExists') throw err;
    });
    client.destroy();
    return openBlobStore('/unused', `s3://${BUCKET}/run-${randomBytes(6).toString('hex')}`, { HELDOUT_S3_ENDPOINT: ENDPOINT! });
  }, ENDPOINT !== undefined],
];

for (const [name, make, enabled] of backends) {
  describe.skipIf(!enabled)(`BlobStore contract: ${name}`, () => {
    it('stores bytes by content hash, idempotently, and reads them back', async () => {
      const s = await make();
      const bytes = randomBytes(5000);
      const a = await s.put(bytes);
      expect(a).toEqual({ sha256: FsBlobStore.sha256(bytes), created: true });
      expect(await s.put(bytes)).toEqual({ sha256: a.sha256, created: false });
      expect((await s.get(a.sha256)).equals(bytes)).toBe(true);
      expect(await s.has(a.sha256)).toBe(true);
      expect(await s.count()).toBe(1);
    });

    it('counts, deletes, and reports missing or malformed ids as user errors', async () => {
      const s = await make();
      const shas = await Promise.all([1, 2, 3].map((i) => s.put(Buffer.from(`blob ${i}`)).then((r) => r.sha256)));
      expect(await s.count()).toBe(3);
      await s.delete(shas[0]!);
      await s.delete(shas[0]!); // deleting twice is fine
      expect(await s.has(shas[0]!)).toBe(false);
      expect(await s.count()).toBe(2);
      await expect(s.get(shas[0]!)).rejects.toThrow(/not found/);
      await expect(s.get('nope')).rejects.toThrow(/not a sha256/);
      expect(await s.put(new Uint8Array(0))).toMatchObject({ created: true });
      expect((await s.get(FsBlobStore.sha256(new Uint8Array(0)))).length).toBe(0);
    });

    it('stores a 5 MB blob intact', async () => {
      const s = await make();
      const big = randomBytes(5 * 1024 * 1024);
      const { sha256 } = await s.put(big);
      expect((await s.get(sha256)).equals(big)).toBe(true);
    });

    it('files bytes under a sha256 the caller already computed, as if it had hashed them itself', async () => {
      const s = await make();
      const bytes = randomBytes(4096);
      const sha = FsBlobStore.sha256(bytes);
      expect(await s.put(bytes, sha)).toEqual({ sha256: sha, created: true });
      expect(await s.put(bytes)).toEqual({ sha256: sha, created: false });
      expect((await s.get(sha)).equals(bytes)).toBe(true);
    });
  });
}

describe.skipIf(!ENDPOINT)('S3 blob store', () => {
  it('tells exactly one of two concurrent writers of the same bytes that it created the blob', async () => {
    const s = await backends[1]![1]();
    const bytes = randomBytes(1000);
    const results = await Promise.all(Array.from({ length: 4 }, () => s.put(bytes)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });

  it('parses s3://bucket/prefix and rejects other URLs', () => {
    expect(S3BlobStore.fromUrl('s3://b/p/q', {}).keyOf('a'.repeat(64))).toBe(`p/q/aa/aa/${'a'.repeat(64)}`);
    expect(() => S3BlobStore.fromUrl('http://x', {})).toThrow(/s3:\/\/bucket/);
  });
});
