import type { Kysely } from 'kysely';
import type { DialectFeatures } from './dialect-features.js';

/** Accounts, challenges (phases, label sets, hosts), teams, submissions, scores and Ladder state. */
export async function up(db: Kysely<unknown>, f: DialectFeatures): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', (c) => f.autoIncrementPrimaryKey(c))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'integer', (c) => f.autoIncrementPrimaryKey(c))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('page_sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('challenges')
    .addColumn('id', 'integer', (c) => f.autoIncrementPrimaryKey(c))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('config_json', 'text', (c) => c.notNull())
    .addColumn('dataset_id', 'integer', (c) => c.notNull().references('datasets.id'))
    .addColumn('split_id', 'integer', (c) => c.notNull().references('splits.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('challenge_hosts')
    .addColumn('challenge_id', 'integer', (c) => c.notNull().references('challenges.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('challenge_hosts_pk', ['challenge_id', 'user_id'])
    .execute();
  await db.schema
    .createTable('challenge_label_sets')
    .addColumn('challenge_id', 'integer', (c) => c.notNull().references('challenges.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('label_hash', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('challenge_label_sets_pk', ['challenge_id', 'revision'])
    .execute();
  await db.schema
    .createTable('challenge_phases')
    .addColumn('id', 'integer', (c) => f.autoIncrementPrimaryKey(c))
    .addColumn('challenge_id', 'integer', (c) => c.notNull().references('challenges.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('eta', 'text')
    .addColumn('quota_per_day', 'integer')
    .addColumn('quota_total', 'integer')
    .addColumn('quota_concurrent', 'integer')
    .addColumn('assignment', 'text', (c) => c.notNull())
    .addUniqueConstraint('challenge_phases_name', ['challenge_id', 'name'])
    .execute();
  await db.schema
    .createTable('teams')
    .addColumn('id', 'integer', (c) => f.autoIncrementPrimaryKey(c))
    .addColumn('challenge_id', 'integer', (c) => c.notNull().references('challenges.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('invite_code', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('teams_challenge_name', ['challenge_id', 'name'])
    .execute();
  await db.schema
    .createTable('team_members')
    .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('challenge_id', 'integer', (c) => c.notNull().references('challenges.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('joined_at', 'text', (c) => c.notNull())
    // One team per user per challenge, enforced by the database rather than by a check that could race.
    .addPrimaryKeyConstraint('team_members_pk', ['challenge_id', 'user_id'])
    .execute();
  await db.schema.createIndex('team_members_team').on('team_members').column('team_id').execute();
  await db.schema
    .createTable('submissions')
    .addColumn('id', 'integer', (c) => f.autoIncrementPrimaryKey(c))
    .addColumn('challenge_id', 'integer', (c) => c.notNull().references('challenges.id').onDelete('cascade'))
    .addColumn('phase_id', 'integer', (c) => c.notNull().references('challenge_phases.id').onDelete('cascade'))
    .addColumn('team_id', 'integer', (c) => c.references('teams.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('duplicate_of', 'integer', (c) => c.references('submissions.id'))
    .addColumn('charged', 'integer', (c) => c.notNull())
    .addColumn('is_baseline', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('baseline_name', 'text')
    .addColumn('selected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('submissions_team_phase').on('submissions').columns(['team_id', 'phase_id', 'created_at']).execute();
  await db.schema.createIndex('submissions_phase_state').on('submissions').columns(['phase_id', 'state']).execute();
  await db.schema
    .createTable('scores')
    .addColumn('id', 'integer', (c) => f.autoIncrementPrimaryKey(c))
    .addColumn('submission_id', 'integer', (c) => c.notNull().references('submissions.id').onDelete('cascade'))
    .addColumn('split', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('scorer_version', 'text', (c) => c.notNull())
    .addColumn('k', 'integer', (c) => c.notNull())
    .addColumn('correct', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('accuracy', 'real', (c) => c.notNull())
    .addColumn('ci_lower', 'real', (c) => c.notNull())
    .addColumn('ci_upper', 'real', (c) => c.notNull())
    .addColumn('label_hash', 'text', (c) => c.notNull())
    .addColumn('submission_hash', 'text', (c) => c.notNull())
    .addColumn('git_revision', 'text', (c) => c.notNull())
    .addColumn('correct_bits', 'text', (c) => c.notNull())
    .addColumn('per_class_json', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    // A retried scoring job can never store a second score for the same submission, split and revision.
    .addUniqueConstraint('scores_submission_split_revision', ['submission_id', 'split', 'revision'])
    .execute();
  await db.schema
    .createTable('ladder_states')
    .addColumn('phase_id', 'integer', (c) => c.notNull().references('challenge_phases.id').onDelete('cascade'))
    .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('rounds', 'integer', (c) => c.notNull())
    .addColumn('steps', 'text')
    .addColumn('released_errors', 'integer')
    .addColumn('leader_submission_id', 'integer', (c) => c.references('submissions.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ladder_states_pk', ['phase_id', 'team_id'])
    .execute();
  await db.schema
    .createTable('ladder_releases')
    .addColumn('submission_id', 'integer', (c) => c.primaryKey().references('submissions.id').onDelete('cascade'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('accepted', 'integer', (c) => c.notNull())
    .addColumn('released', 'real', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
