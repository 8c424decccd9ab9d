import type { UserRow } from '../store/areas/challenge-tables.js';
import type { ChallengeEnv } from './challenge-env.js';
import { isHostOf, type LoadedChallenge } from './load-challenge.js';

/** Who is looking: what they may see depends on hosting the challenge and on their team. */
export interface Viewer {
  readonly user?: UserRow;
  readonly isHost: boolean;
  readonly teamId?: number;
}

export async function viewerOf(env: ChallengeEnv, c: LoadedChallenge, user: UserRow | undefined): Promise<Viewer> {
  if (!user) return { isHost: false };
  const team = await env.ws.store.teamOfUser(c.row.id, user.id);
  return { user, isHost: isHostOf(user, c), ...(team ? { teamId: team.id } : {}) };
}
