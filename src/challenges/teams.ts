import { randomBytes } from 'node:crypto';
import type { TeamRow, UserRow } from '../store/areas/challenge-tables.js';
import type { ChallengeEnv } from './challenge-env.js';
import { ChallengeError } from './challenge-error.js';
import { isHostOf, type LoadedChallenge } from './load-challenge.js';

const TEAM_NAME = /^[\p{L}\p{N}][\p{L}\p{N} _.-]{0,39}$/u;

/** Creates a team with its creator as first member; the invite code lets others join. */
export async function createTeam(env: ChallengeEnv, c: LoadedChallenge, user: UserRow, name: string): Promise<TeamRow> {
  const clean = name.trim();
  if (!TEAM_NAME.test(clean)) throw new ChallengeError('team names are 1–40 letters, digits, spaces, _ . - (starting with a letter or digit)', 400);
  checkMayJoin(c, user);
  const now = env.now();
  return env.ws.store.transaction(async (tx) => {
    if (await tx.teamOfUser(c.row.id, user.id)) throw new ChallengeError(`you are already in a team of ${c.row.name} (one team per user per challenge)`, 409);
    if (await tx.findTeam({ challengeId: c.row.id, name: clean })) throw new ChallengeError(`challenge ${c.row.name} already has a team named "${clean}"`, 409);
    const team = await tx.createTeam({ challengeId: c.row.id, name: clean, inviteCode: randomBytes(12).toString('base64url') }, now);
    await tx.addTeamMember(team.id, c.row.id, user.id, now);
    return team;
  });
}

/** Joins the team whose invite code this is, if it has room and the user has no team in this challenge yet. */
export async function joinTeam(env: ChallengeEnv, c: LoadedChallenge, user: UserRow, inviteCode: string): Promise<TeamRow> {
  checkMayJoin(c, user);
  const now = env.now();
  return env.ws.store.transaction(async (tx) => {
    const team = inviteCode.length <= 64 ? await tx.findTeam({ challengeId: c.row.id, inviteCode: inviteCode.trim() }) : undefined;
    if (!team) throw new ChallengeError('no team of this challenge has that invite code', 404);
    if (await tx.teamOfUser(c.row.id, user.id)) throw new ChallengeError(`you are already in a team of ${c.row.name} (one team per user per challenge)`, 409);
    const members = await tx.teamMembers(team.id);
    if (members.length >= c.config.teamSizeLimit) throw new ChallengeError(`team ${team.name} is full (${c.config.teamSizeLimit} members at most)`, 409);
    await tx.addTeamMember(team.id, c.row.id, user.id, now);
    return team;
  });
}

function checkMayJoin(c: LoadedChallenge, user: UserRow): void {
  // Hosts can read the labels, so they may not compete in their own challenge.
  if (isHostOf(user, c)) throw new ChallengeError('hosts of a challenge cannot be on one of its teams', 403);
}
