import type { Db } from './db.js';
import type { StoreCapabilities } from '../store.js';
import type { ChallengeStore } from '../areas/challenge-store.js';
import { challengeAccountQueries } from './challenge-account-queries.js';
import { challengeDefinitionQueries } from './challenge-definition-queries.js';
import { challengeTeamQueries } from './challenge-team-queries.js';
import { challengeSubmissionQueries } from './challenge-submission-queries.js';

/** Tables of this area, for `Store.tableCounts`. */
export const CHALLENGE_TABLES = [
  'users', 'api_tokens', 'page_sessions', 'challenges', 'challenge_hosts', 'challenge_label_sets', 'challenge_phases',
  'teams', 'team_members', 'submissions', 'scores', 'ladder_states', 'ladder_releases',
] as const;

/** The challenges area over any Kysely connection; every backend shares it. */
export function challengeQueries(db: Db, capabilities: StoreCapabilities): ChallengeStore {
  return {
    ...challengeAccountQueries(db),
    ...challengeDefinitionQueries(db),
    ...challengeTeamQueries(db),
    ...challengeSubmissionQueries(db, capabilities),
  };
}
