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
    // Two joins racing on a multi-process backend would both count the old members and overfill the team.
    await tx.lockTeam(team.id);
    const members = await tx.teamMembers(team.id);
    if (members.length >= c.config.teamSizeLimit) throw new ChallengeError(`team ${team.name} is full (${c.config.teamSizeLimit} members at most)`, 409);
    await tx.addTeamMember(team.id, c.row.id, user.id, now);
    return team;
  });
}

/**
 * Leaves the user's team of this challenge. Refused (409) once the user has uploaded to the team: its submissions
 * stay the team's and count against the team's quotas, so a member who submitted cannot move to a fresh team and
 * start the quotas again. A team left without members and without submissions is deleted (its name is free again).
 */
export async function leaveTeam(env: ChallengeEnv, c: LoadedChallenge, user: UserRow): Promise<{ team: TeamRow; deleted: boolean }> {
  return env.ws.store.transaction(async (tx) => {
    const team = await tx.teamOfUser(c.row.id, user.id);
    if (!team) throw new ChallengeError(`you are not in a team of ${c.row.name}`, 404);
    await tx.lockTeam(team.id);
    const subs = await tx.listSubmissions({ teamId: team.id });
    if (subs.some((s) => s.user_id === user.id)) {
      throw new ChallengeError(`you uploaded submissions as team ${team.name}; they stay the team's and so do you (leaving would restart the quotas)`, 409);
    }
    await tx.removeTeamMember(c.row.id, user.id);
    const deleted = subs.length === 0 && (await tx.teamMembers(team.id)).length === 0;
    if (deleted) await tx.deleteTeam(team.id);
    return { team, deleted };
  });
}

function checkMayJoin(c: LoadedChallenge, user: UserRow): void {
  // Hosts can read the labels, so they may not compete in their own challenge.
  if (isHostOf(user, c)) throw new ChallengeError('hosts of a challenge cannot be on one of its teams', 403);
}
