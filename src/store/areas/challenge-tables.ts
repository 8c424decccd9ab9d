import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * Tables of the challenges area: accounts (users, API tokens, page sessions), challenges with their phases and
 * versioned hidden label sets, teams, submissions, scores and Ladder state. Booleans are 0/1, times ISO-8601 text.
 */
export interface ChallengeTables {
  users: UsersTable;
  api_tokens: ApiTokensTable;
  page_sessions: PageSessionsTable;
  challenges: ChallengesTable;
  challenge_hosts: ChallengeHostsTable;
  challenge_label_sets: ChallengeLabelSetsTable;
  challenge_phases: ChallengePhasesTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  submissions: SubmissionsTable;
  scores: ScoresTable;
  ladder_states: LadderStatesTable;
  ladder_releases: LadderReleasesTable;
}

/** Roles, most powerful first: admins administer every challenge, hosts the ones they host. */
export const USER_ROLES = ['admin', 'host', 'participant'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export interface UsersTable {
  id: Generated<number>;
  name: string;
  role: UserRole;
  /** `scrypt$N$r$p$salt$hash` for page logins; null for accounts that only use API tokens. */
  password_hash: string | null;
  created_at: string;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  /** sha256 (hex) of the token; the token itself is shown once and never stored. */
  token_hash: string;
  label: string;
  created_at: string;
  last_used_at: string | null;
  revoked: number;
}

export interface PageSessionsTable {
  /** sha256 (hex) of the session cookie's value. */
  id_hash: string;
  user_id: number;
  /** Synchronizer token that every form of this session must echo back. */
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface ChallengesTable {
  id: Generated<number>;
  name: string;
  title: string;
  /** The validated config as JSON (its `version` is the config schema version). */
  config_json: string;
  dataset_id: number;
  split_id: number;
  /** Scoring revision: 1 at creation, +1 per rescore (a label fix); scores keep the revision they were made at. */
  revision: number;
  created_at: string;
}

export interface ChallengeHostsTable {
  challenge_id: number;
  user_id: number;
}

/** The hidden labels, one version per scoring revision; the bytes live in the blob store (never served). */
export interface ChallengeLabelSetsTable {
  challenge_id: number;
  revision: number;
  /** sha256 of the label bytes (little-endian int32 class indices), also their blob id. */
  label_hash: string;
  n: number;
  /** Where the labels came from (`dataset` or a file name), for provenance. */
  source: string;
  created_at: string;
}

export interface ChallengePhasesTable {
  id: Generated<number>;
  challenge_id: number;
  name: string;
  position: number;
  starts_at: string;
  ends_at: string;
  closed_at: string | null;
  /** `standard`, `ladder` or `ladder-free`. */
  mode: string;
  /** Ladder step η as written in the config (decimal text); null unless mode is `ladder`. */
  eta: string | null;
  quota_per_day: number | null;
  quota_total: number | null;
  quota_concurrent: number | null;
  /** One character per image in label order: `P` public, `R` private, `I` ignored. Host-only. */
  assignment: string;
}

export interface TeamsTable {
  id: Generated<number>;
  challenge_id: number;
  name: string;
  invite_code: string;
  created_at: string;
}

export interface TeamMembersTable {
  team_id: number;
  /** Repeated here so that one (challenge, user) pair can be unique: one team per user per challenge. */
  challenge_id: number;
  user_id: number;
  joined_at: string;
}

export const SUBMISSION_STATES = ['submitted', 'running', 'finished', 'failed'] as const;
export type SubmissionState = (typeof SUBMISSION_STATES)[number];

export interface SubmissionsTable {
  id: Generated<number>;
  challenge_id: number;
  phase_id: number;
  /** null for baselines, which belong to no team. */
  team_id: number | null;
  user_id: number | null;
  /** sha256 of the uploaded bytes, also their blob id. */
  sha256: string;
  /** The upload's base name, sanitised; informational only (never used as a path). */
  file_name: string;
  bytes: number;
  format: string;
  state: SubmissionState;
  /** The earlier submission of the same team and phase with the same bytes; duplicates are not charged or scored. */
  duplicate_of: number | null;
  /** 1 while it counts against the quota; failed and duplicate submissions are 0. */
  charged: number;
  is_baseline: number;
  baseline_name: string | null;
  /** Chosen for the private leaderboard (final selection). */
  selected: number;
  message: string;
  error: string | null;
  attempts: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface ScoresTable {
  id: Generated<number>;
  submission_id: number;
  /** `public` or `private`. */
  split: string;
  revision: number;
  scorer_version: string;
  k: number;
  correct: number;
  n: number;
  accuracy: number;
  ci_lower: number;
  ci_upper: number;
  label_hash: string;
  submission_hash: string;
  git_revision: string;
  /** Per-image correctness at the metric's k, bit-packed, base64. Host-only: never leaves the server. */
  correct_bits: string;
  /** Per-class accuracy on this split as JSON, shown only to the submitting team. */
  per_class_json: string | null;
  created_at: string;
}

/** One Ladder per team and phase, on the public split (Blum & Hardt 2015). */
export interface LadderStatesTable {
  phase_id: number;
  team_id: number;
  rounds: number;
  /** Fixed-step Ladder: released value as a multiple of η (decimal text of a bigint); null before round 1. */
  steps: string | null;
  /** Parameter-free Ladder: released error count and the submission that set it. */
  released_errors: number | null;
  leader_submission_id: number | null;
  updated_at: string;
}

/** What the Ladder released for one submission. */
export interface LadderReleasesTable {
  submission_id: number;
  round: number;
  accepted: number;
  /** The released loss R_t (error rate), as shown. */
  released: number;
  n: number;
  created_at: string;
}

export type UserRow = Selectable<UsersTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type PageSessionRow = Selectable<PageSessionsTable>;
export type ChallengeRow = Selectable<ChallengesTable>;
export type LabelSetRow = Selectable<ChallengeLabelSetsTable>;
export type PhaseRow = Selectable<ChallengePhasesTable>;
export type TeamRow = Selectable<TeamsTable>;
export type TeamMemberRow = Selectable<TeamMembersTable>;
export type SubmissionRow = Selectable<SubmissionsTable>;
export type ScoreRow = Selectable<ScoresTable>;
export type LadderStateRow = Selectable<LadderStatesTable>;
export type LadderReleaseRow = Selectable<LadderReleasesTable>;
export type NewPhase = Omit<Insertable<ChallengePhasesTable>, 'id' | 'challenge_id' | 'closed_at'>;
export type NewSubmission = Omit<Insertable<SubmissionsTable>, 'id'>;
export type NewScore = Omit<Insertable<ScoresTable>, 'id'>;
