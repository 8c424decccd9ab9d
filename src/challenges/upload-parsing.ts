import type { ChallengeEnv } from './challenge-env.js';
import { challengeImages, type LoadedChallenge } from './load-challenge.js';
import type { ParsedSubmission } from './parse-submission.js';
import type { ParseSession } from './submission-pool.js';

const CHUNK = 1 << 20;

/**
 * Starts parsing an upload of challenge `c` on the env's pool, so the bytes can be pushed while they arrive. The
 * challenge's public facts (image names, classes, label space, k, formats, cap) go to a worker once per challenge.
 */
export async function beginParse(env: ChallengeEnv, c: LoadedChallenge, fileName: string): Promise<ParseSession> {
  const { imageIds, classes } = await challengeImages(env, c);
  const config = c.config;
  const key = `${env.id}:${c.row.id}`;
  return env.pool.begin(() => ({
    key, imageIds,
    classSet: { name: classes.name, wnids: classes.entries.map((e) => e.wnid), names: classes.entries.map((e) => e.name) },
    labelSpace: config.labelSpace, k: c.metric.k, formats: config.formats, maxBytes: config.maxUploadBytes,
  }), key, fileName);
}

/** Parses a whole file on the env's pool (a stored upload, a baseline). */
export async function parseUpload(env: ChallengeEnv, c: LoadedChallenge, bytes: Uint8Array, fileName: string): Promise<ParsedSubmission> {
  const session = await beginParse(env, c, fileName);
  for (let i = 0; i < bytes.byteLength; i += CHUNK) session.push(bytes.subarray(i, Math.min(i + CHUNK, bytes.byteLength)));
  return session.end();
}
