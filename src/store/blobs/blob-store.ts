/** Result of storing bytes: their sha256 and whether this call created the blob (for rollback of failed imports). */
export interface PutResult {
  readonly sha256: string;
  readonly created: boolean;
}

/**
 * Content-addressed byte storage (sha256, lower-case hex). Backends: filesystem here, S3-compatible in scale-out.
 * `put` is idempotent; a blob is never modified once written.
 */
export interface BlobStore {
  /**
   * Stores `bytes` under their sha256. `knownSha256` skips hashing when the caller has just hashed exactly these
   * bytes itself (an upload hashed while it was parsed); a wrong value would file the blob under a wrong name.
   */
  put(bytes: Uint8Array, knownSha256?: string): Promise<PutResult>;
  get(sha256: string): Promise<Buffer>;
  has(sha256: string): Promise<boolean>;
  delete(sha256: string): Promise<void>;
  /** Number of blobs stored; tests use it to prove a failed import left nothing behind. */
  count(): Promise<number>;
  /** Releases connections (S3); the filesystem store has none. */
  close?(): void;
}
