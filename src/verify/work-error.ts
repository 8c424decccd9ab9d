/** Why a worker's request was refused. The server maps each code to an HTTP status (routes/crowd-worker.ts). */
export const WORK_ERROR_CODES = [
  'no-identity', 'blocked', 'not-found', 'not-yours', 'expired', 'already-submitted', 'unknown-images', 'bad-request', 'not-json', 'too-large',
] as const;
export type WorkErrorCode = (typeof WORK_ERROR_CODES)[number];

/** A refused worker request: one clear line, a stable code, and the guarantee that nothing was written. */
export class WorkError extends Error {
  override readonly name = 'WorkError';
  constructor(readonly code: WorkErrorCode, message: string) {
    super(message);
  }
}
