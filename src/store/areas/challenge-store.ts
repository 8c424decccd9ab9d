import type {
  ApiTokenRow, ChallengeRow, LabelSetRow, LadderReleaseRow, LadderStateRow, NewPhase, NewScore, NewSubmission, PageSessionRow,
  PhaseRow, ScoreRow, SubmissionRow, SubmissionState, TeamRow, UserRole, UserRow,
} from './challenge-tables.js';

export interface NewUser {
  readonly name: string;
  readonly role: UserRole;
  readonly passwordHash: string | null;
}

export interface NewSession {
  readonly idHash: string;
  readonly userId: number;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

export interface NewChallenge {
  readonly name: string;
  readonly title: string;
  readonly configJson: string;
  readonly datasetId: number;
  readonly splitId: number;
  readonly hostIds: readonly number[];
  readonly labelSet: { readonly labelHash: string; readonly n: number; readonly source: string };
  readonly phases: readonly NewPhase[];
}

/** Submission counts that quotas are checked against (charged submissions only). */
export interface SubmissionCounts {
  /** Charged since the start of the quota day. */
  readonly today: number;
  readonly total: number;
  /** Charged and still submitted or running. */
  readonly pending: number;
}

export interface SubmissionQuery {
  readonly challengeId?: number;
  readonly phaseId?: number;
  readonly teamId?: number;
  readonly states?: readonly SubmissionState[];
  readonly baselines?: boolean;
}

/** Fields of a submission that change after it is stored. */
export type SubmissionPatch = Partial<Pick<SubmissionRow, 'state' | 'charged' | 'error' | 'attempts' | 'started_at' | 'finished_at' | 'selected'>>;

export interface ScoreQuery {
  readonly submissionIds?: readonly number[];
  readonly phaseId?: number;
  readonly split?: string;
  readonly revision?: number;
  /** Also load the per-image correctness bits (host-side computations only). */
  readonly withBits?: boolean;
  /** Load the per-class counts (default true); leaderboards leave them out (a kB of JSON per score). */
  readonly perClass?: boolean;
}

/** A score without its correctness bits unless asked for (they are large and never leave the server). */
export type ScoreRecord = Omit<ScoreRow, 'correct_bits'> & { readonly correct_bits?: string };

export interface TeamMember {
  readonly userId: number;
  readonly name: string;
  readonly joinedAt: string;
}

/** Accounts, challenges, teams, submissions, scores and Ladder state. */
export interface ChallengeStore {
  createUser(u: NewUser, now: Date): Promise<UserRow>;
  findUser(by: { readonly id: number } | { readonly name: string }): Promise<UserRow | undefined>;
  addApiToken(userId: number, tokenHash: string, label: string, now: Date): Promise<ApiTokenRow>;
  /** A user's tokens, newest first, without their hashes. */
  listApiTokens(userId: number): Promise<Array<Omit<ApiTokenRow, 'token_hash'>>>;
  /** Revokes the user's tokens with these ids (all of them when `ids` is 'all'); returns how many were live. */
  revokeApiTokens(userId: number, ids: readonly number[] | 'all'): Promise<number>;
  /** The owner of a live (not revoked) token, recording its use (to the minute). */
  userByTokenHash(tokenHash: string, now: Date): Promise<UserRow | undefined>;
  createSession(s: NewSession, now: Date): Promise<void>;
  /** A session that has not expired at `now`, with its user. */
  findSession(idHash: string, now: Date): Promise<{ readonly session: PageSessionRow; readonly user: UserRow } | undefined>;
  deleteSession(idHash: string): Promise<void>;

  createChallenge(c: NewChallenge, now: Date): Promise<ChallengeRow>;
  findChallenge(by: { readonly id: number } | { readonly name: string }): Promise<ChallengeRow | undefined>;
  listChallenges(): Promise<ChallengeRow[]>;
  challengeHostIds(challengeId: number): Promise<number[]>;
  listPhases(challengeId: number): Promise<PhaseRow[]>;
  findPhase(phaseId: number): Promise<PhaseRow | undefined>;
  closePhase(phaseId: number, now: Date): Promise<void>;
  labelSet(challengeId: number, revision: number): Promise<LabelSetRow | undefined>;
  /** Adds the next label set and makes its revision the challenge's current one. */
  addLabelSet(row: LabelSetRow): Promise<void>;

  createTeam(t: { readonly challengeId: number; readonly name: string; readonly inviteCode: string }, now: Date): Promise<TeamRow>;
  /** Fails (unique constraint) when the user already belongs to a team of this challenge. */
  addTeamMember(teamId: number, challengeId: number, userId: number, now: Date): Promise<void>;
  findTeam(by: { readonly id: number } | { readonly challengeId: number; readonly inviteCode: string } | { readonly challengeId: number; readonly name: string }): Promise<TeamRow | undefined>;
  teamOfUser(challengeId: number, userId: number): Promise<TeamRow | undefined>;
  teamMembers(teamId: number): Promise<TeamMember[]>;
  removeTeamMember(challengeId: number, userId: number): Promise<void>;
  /** Deletes a team (only one without members and submissions is ever deleted). */
  deleteTeam(teamId: number): Promise<void>;
  listTeams(challengeId: number): Promise<TeamRow[]>;

  /**
   * Serialises quota decisions for one team: a row lock (`SELECT … FOR UPDATE`) where the backend has them
   * (`capabilities.supportsSkipLocked`), nothing where the backend serialises writers (SQLite). Call inside a transaction.
   */
  lockTeam(teamId: number): Promise<void>;
  submissionCounts(teamId: number, phaseId: number, dayStart: Date): Promise<SubmissionCounts>;
  /** The team's earlier, non-failed, non-duplicate submission of the same bytes in this phase. */
  findSubmissionByHash(teamId: number, phaseId: number, sha256: string): Promise<SubmissionRow | undefined>;
  insertSubmission(s: NewSubmission): Promise<SubmissionRow>;
  /** How many submissions (of any team or challenge) store these bytes: a blob in use must not be deleted. */
  countSubmissionsWithHash(sha256: string): Promise<number>;
  findSubmission(id: number): Promise<SubmissionRow | undefined>;
  listSubmissions(q: SubmissionQuery): Promise<SubmissionRow[]>;
  updateSubmission(id: number, patch: SubmissionPatch): Promise<void>;
  /** Applies `patch` only while the submission is in one of `states`; false when it was not (another worker moved it). */
  updateSubmissionIf(id: number, states: readonly SubmissionState[], patch: SubmissionPatch): Promise<boolean>;
  /** Marks exactly `ids` of this team and phase as its final selection. */
  setSelections(teamId: number, phaseId: number, ids: readonly number[]): Promise<void>;

  insertScores(rows: readonly NewScore[]): Promise<void>;
  listScores(q: ScoreQuery): Promise<ScoreRecord[]>;

  ladderState(phaseId: number, teamId: number): Promise<LadderStateRow | undefined>;
  putLadderState(row: LadderStateRow): Promise<void>;
  addLadderRelease(row: LadderReleaseRow): Promise<void>;
  ladderReleases(submissionIds: readonly number[]): Promise<LadderReleaseRow[]>;
  /** Deletes a phase's Ladder states and releases (before replaying them after a rescore; call in a transaction). */
  clearLadder(phaseId: number): Promise<void>;
}
