import { UserError } from '../errors.js';

/** HTTP statuses a challenge operation can fail with; the server maps them 1:1, the CLI prints the message. */
export type ChallengeErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 429;

/**
 * A refusal the user caused (bad file, no permission, quota reached …): one line, never naming a hidden label.
 * A UserError, so the CLI shows it as one line; bad input exits 2, anything else 1.
 */
export class ChallengeError extends UserError {
  constructor(message: string, readonly status: ChallengeErrorStatus) {
    super(message, status === 400 || status === 413 ? 2 : 1);
  }
}
