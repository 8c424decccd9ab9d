import { createHash, randomBytes } from 'node:crypto';

/** A new bearer token for a worker: 32 random bytes, base64url. Only its hash is stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** sha256 of a token. Tokens carry 256 random bits, so a fast hash is enough (nothing to brute-force). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** An opaque per-task image id: 96 random bits, unrelated to the image's hash and role. */
export function newPublicId(): string {
  return randomBytes(12).toString('base64url');
}
